using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SignupEmail.Dashboard.Tests.Hosting;

namespace SignupEmail.Dashboard.Tests.Snapshot;

/// <summary>The snapshot's sections, read from the nodes' admin APIs and metrics; a failing source empties only its section.</summary>
public sealed class SnapshotSpec : IAsyncLifetime
{
    private FakeNodes _nodes = null!;
    private HostedDashboard _dashboard = null!;

    public async Task InitializeAsync()
    {
        _nodes = await FakeNodes.StartAsync();
        _dashboard = await HostedDashboard.StartAsync(_nodes);
    }

    public async Task DisposeAsync()
    {
        await _dashboard.DisposeAsync();
        await _nodes.DisposeAsync();
    }

    [Fact]
    public async Task Every_section_is_built_from_what_the_nodes_answer()
    {
        using var client = _dashboard.Client(FakeNodes.Key);
        var snapshot = await SnapshotJson.GetAsync(client);

        Assert.Empty(snapshot.GetProperty("errors").EnumerateArray());
        Assert.False(snapshot.GetProperty("experiments").GetBoolean());
        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("actions").ValueKind);
        var kafka = snapshot.GetProperty("kafka");
        Assert.Equal([1, 2, 3], kafka.GetProperty("brokers").EnumerateArray().Select(b => b.GetProperty("id").GetInt32()));
        Assert.All(kafka.GetProperty("brokers").EnumerateArray(), b => Assert.Equal("up", b.GetProperty("state").GetString()));
        Assert.Equal(["signups", "dead-letters"], kafka.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("role").GetString()));

        var group = snapshot.GetProperty("group");
        Assert.Equal(15, group.GetProperty("totalLag").GetInt64());
        var member = Assert.Single(group.GetProperty("members").EnumerateArray());
        Assert.Equal(_nodes.Url, member.GetProperty("node").GetString());
        Assert.Equal([0, 1, 2], member.GetProperty("partitions").EnumerateArray().Select(p => p.GetInt32()));
        Assert.All(group.GetProperty("partitions").EnumerateArray(), p =>
        {
            Assert.Equal(_nodes.Url, p.GetProperty("member").GetString());
            Assert.Equal("Consuming", p.GetProperty("state").GetString());
        });
        var history = group.GetProperty("lagHistory").GetProperty("0");
        Assert.Equal(5, history.EnumerateArray().Last()[1].GetInt64());

        var flow = snapshot.GetProperty("flow");
        Assert.Equal(300, flow.GetProperty("signupsTotal").GetInt64());
        Assert.Equal(298, flow.GetProperty("emailsTotal").GetInt64());
        Assert.Equal(2, flow.GetProperty("deadLettersTotal").GetInt64());

        var deadLetter = Assert.Single(snapshot.GetProperty("deadLetters").EnumerateArray());
        Assert.Equal("PoisonRecordException", deadLetter.GetProperty("reason").GetString());
        Assert.Equal("not a UserSignedUp", deadLetter.GetProperty("message").GetString());
        Assert.Equal(2, deadLetter.GetProperty("originalPartition").GetInt32());
        Assert.Equal(41, deadLetter.GetProperty("originalOffset").GetInt64());
        Assert.True(_nodes.Requests("/admin/dead-letters") > 0);

        var cluster = snapshot.GetProperty("userCluster");
        var clusterMember = Assert.Single(cluster.GetProperty("members").EnumerateArray());
        Assert.Equal(7, clusterMember.GetProperty("shards").GetInt32());
        Assert.Equal(25, clusterMember.GetProperty("entities").GetInt32());
        Assert.True(cluster.GetProperty("publisher").GetProperty("running").GetBoolean());
    }

    [Fact]
    public async Task A_failing_source_empties_its_section_and_says_why_while_the_others_still_show()
    {
        _nodes.Fail("/admin/kafka/topics");
        _nodes.Fail("/admin/cluster", StatusCodes.Status503ServiceUnavailable);
        using var client = _dashboard.Client(FakeNodes.Key);
        using var response = await client.GetAsync("/api/snapshot");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var snapshot = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("kafka").ValueKind);
        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("userCluster").ValueKind);
        Assert.Equal(JsonValueKind.Object, snapshot.GetProperty("group").ValueKind);
        Assert.Equal(JsonValueKind.Object, snapshot.GetProperty("flow").ValueKind);
        var errors = snapshot.GetProperty("errors").EnumerateArray()
            .Select(e => $"{e.GetProperty("source").GetString()}: {e.GetProperty("message").GetString()}")
            .ToList();
        Assert.Contains($"email-node {_nodes.Url}: GET /admin/kafka/topics answered 500 Internal Server Error", errors);
        Assert.Contains($"user-node {_nodes.Url}: GET /admin/cluster answered 503 Service Unavailable", errors);
    }

    [Fact]
    public async Task A_node_that_does_not_answer_in_time_is_reported_as_timed_out()
    {
        await using var silent = await SilentServer.StartAsync();
        await using var dashboard = await HostedDashboard.StartAsync(_nodes, new Dictionary<string, string?>
        {
            ["Dashboard:EmailNodeUrls:1"] = silent.Url,
            ["Dashboard:ReadTimeout"] = "00:00:00.300",
        });
        using var client = dashboard.Client(FakeNodes.Key);

        var snapshot = await SnapshotJson.GetAsync(client);

        var errors = snapshot.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToList();
        Assert.Contains("GET /admin/consumer timed out after 0.3 s", errors);
        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("flow").ValueKind);
        Assert.Single(snapshot.GetProperty("group").GetProperty("members").EnumerateArray());
    }
}
