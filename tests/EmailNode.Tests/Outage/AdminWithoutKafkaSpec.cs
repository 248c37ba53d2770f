using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SignupEmail.EmailNode.Tests.Consuming;
using SignupEmail.EmbeddedKafka;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Outage;

/// <summary>
/// Every admin call is bounded by Email:Admin:RequestTimeout: with Kafka gone it answers 503 with
/// <c>Retry-After</c> instead of hanging (over a minute before), and it names a bad partition (400, a
/// 500 before).
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class AdminWithoutKafkaSpec(ITestOutputHelper output)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    // Above the request timeout by the slack a busy machine needs; far below the minute it took.
    private static readonly TimeSpan AnswerWithin = RequestTimeout + TimeSpan.FromSeconds(6);

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Email:Admin:RequestTimeout"] = RequestTimeout.ToString("c"),
        // Kafka's default: the node keeps its partitions through the outage, so the lag is asked for.
        ["Email:Kafka:KafkaProperties:session.timeout.ms"] = "45000",
    };

    [Fact]
    public async Task With_every_broker_down_each_admin_call_answers_503_with_Retry_After_within_the_request_timeout()
    {
        await using var node = await OutageNode.StartAsync(output, Settings());
        node.Client.Timeout = TimeSpan.FromSeconds(90);
        node.Cluster.SetBrokerDown(EmbeddedKafkaCluster.AllBrokers);

        await AssertUnavailableAsync(node.Client, new HttpRequestMessage(HttpMethod.Get, "/admin/consumer"));
        await AssertUnavailableAsync(node.Client, new HttpRequestMessage(HttpMethod.Get, "/admin/dead-letters"));
        await AssertUnavailableAsync(node.Client, new HttpRequestMessage(HttpMethod.Get, "/admin/dead-letters?partition=0"));
        await AssertUnavailableAsync(node.Client, new HttpRequestMessage(HttpMethod.Post, "/admin/dead-letters/replay") { Content = JsonContent.Create(new { all = true }) });
        await AssertUnavailableAsync(node.Client, new HttpRequestMessage(HttpMethod.Get, "/admin/kafka/topics"));
        await AssertUnavailableAsync(node.Client, new HttpRequestMessage(HttpMethod.Get, "/admin/kafka/lag"));

        // The send log is not Kafka: looking an e-mail up still answers.
        using var mail = await node.Client.GetAsync($"/admin/mail?eventId={Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, mail.StatusCode);
    }

    [Fact]
    public async Task A_dead_letter_partition_that_does_not_exist_is_a_400_naming_partition()
    {
        await using var node = await OutageNode.StartAsync(output, Settings());

        using var replay = await node.Client.PostAsJsonAsync("/admin/dead-letters/replay", new { partition = 99 });
        await AssertNamesPartitionAsync(replay);
        using var list = await node.Client.GetAsync("/admin/dead-letters?partition=99");
        await AssertNamesPartitionAsync(list);
    }

    [Fact]
    public async Task Consumer_figures_are_read_from_Kafka_when_asked_and_say_when_and_a_drained_node_answers_too()
    {
        await using var node = await OutageNode.StartAsync(output, Settings());
        await node.DeliverOneAsync();

        var before = DateTimeOffset.UtcNow;
        var consumer = await node.Client.GetFromJsonAsync<JsonElement>("/admin/consumer");
        var readAt = consumer.GetProperty("readAt").GetDateTimeOffset();
        Assert.InRange(readAt, before, DateTimeOffset.UtcNow);
        Assert.Equal(3, consumer.GetProperty("partitions").GetArrayLength());
        Assert.Equal(1, consumer.GetProperty("partitions").EnumerateArray().Sum(p => p.GetProperty("highWatermark").GetInt64()));

        // A drained node holds no partitions: it says so instead of failing on its closed consumer.
        await node.Pipeline.DrainAsync();
        using var drained = await node.Client.GetAsync("/admin/consumer");
        Assert.Equal(HttpStatusCode.OK, drained.StatusCode);
        var body = await drained.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("running").GetBoolean());
        Assert.Equal(0, body.GetProperty("partitions").GetArrayLength());
    }

    private async Task AssertUnavailableAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.SendAsync(request);
            clock.Stop();
            var body = await response.Content.ReadAsStringAsync();
            output.WriteLine($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} after {clock.Elapsed}: {body}");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(clock.Elapsed < AnswerWithin, $"{request.RequestUri} answered after {clock.Elapsed}");
            Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(body);
            Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Equal("Kafka cannot be reached right now.", problem.RootElement.GetProperty("title").GetString());
            Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        }
    }

    private async Task AssertNamesPartitionAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        output.WriteLine(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(body);
        var errors = problem.RootElement.GetProperty("errors").GetProperty("partition");
        Assert.Equal($"Partition 99 does not exist: the dead-letter topic '{OutageNode.DeadLetterTopic}' has partitions 0 to 2.", errors[0].GetString());
    }
}
