using Microsoft.Extensions.DependencyInjection;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.EmailNode.Tests.Consuming;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Admin;

/// <summary><c>GET /admin/kafka/lag</c>: the whole group's lag, read from Kafka, whether or not this node consumes.</summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaLagAdminSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : IDisposable
{
    private readonly AdminTestNode _nodes = new(kafka);

    public void Dispose() => _nodes.Dispose();

    [Fact]
    public async Task Lag_rises_while_no_node_consumes_and_drains_once_one_starts()
    {
        await using var first = _nodes.Node();
        using var client = await AdminTestNode.ReadyClientAsync(first);
        await _nodes.ProduceSignupAsync(0, "first@example.com");
        await Eventually.TrueAsync(
            async () => (await AdminTestNode.GetJsonAsync(client, "/admin/kafka/lag")).GetProperty("partitions").EnumerateArray().Sum(p => p.GetProperty("committed").ValueKind == System.Text.Json.JsonValueKind.Null ? 0 : p.GetProperty("committed").GetInt64()) == 1,
            AdminTestNode.Patience,
            "the first signup is handled and committed");

        // This node stops consuming (its HTTP side stays up): nobody in the group consumes.
        await first.Services.GetRequiredService<EmailPipeline>().DrainAsync();
        for (var n = 0; n < 4; n++)
        {
            await _nodes.ProduceSignupAsync(n % 3, $"waiting.{n}@example.com");
        }

        var waiting = await AdminTestNode.GetJsonAsync(client, "/admin/kafka/lag");
        output.WriteLine(waiting.ToString());
        Assert.Equal(_nodes.GroupId, waiting.GetProperty("groupId").GetString());
        Assert.Equal(_nodes.Topic, waiting.GetProperty("topic").GetString());
        Assert.Equal(4, waiting.GetProperty("totalLag").GetInt64());
        var partitions = waiting.GetProperty("partitions").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], partitions.Select(p => p.GetProperty("partition").GetInt32()));
        Assert.Equal([3L, 1L, 1L], partitions.Select(p => p.GetProperty("end").GetInt64()));
        Assert.Equal([2L, 1L, 1L], partitions.Select(p => p.GetProperty("lag").GetInt64()));
        Assert.Equal(1, partitions[0].GetProperty("committed").GetInt64());
        Assert.All(partitions, p => Assert.False(p.GetProperty("assignedHere").GetBoolean()));

        // Another node of the group starts: it takes every partition and the lag drains, as both nodes see it.
        await using var second = _nodes.Node();
        using var secondClient = await AdminTestNode.ReadyClientAsync(second);
        await Eventually.TrueAsync(
            async () => (await AdminTestNode.GetJsonAsync(client, "/admin/kafka/lag")).GetProperty("totalLag").GetInt64() == 0,
            AdminTestNode.Patience,
            "the lag drains once a node consumes");
        var drained = await AdminTestNode.GetJsonAsync(secondClient, "/admin/kafka/lag");
        Assert.Equal(0, drained.GetProperty("totalLag").GetInt64());
        Assert.All(drained.GetProperty("partitions").EnumerateArray(), p => Assert.True(p.GetProperty("assignedHere").GetBoolean()));
    }
}
