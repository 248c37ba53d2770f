using System.Net;
using SignupEmail.EmbeddedKafka;
using SignupEmail.Testing;
using SignupEmail.UserNode.Hosting;
using SignupEmail.UserNode.Publishing;
using SignupEmail.UserNode.Tests.Http;

namespace SignupEmail.UserNode.Tests.Publishing;

/// <summary>
/// <c>/health</c> tells an operator what the publisher is doing, while readiness stays green:
/// signups are stored whatever Kafka does.
/// </summary>
[Collection(PublishingCollection.Name)]
public sealed class PublisherHealthSpec(KafkaClusterFixture kafka) : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        kafka.Cluster.SetBrokerUp(EmbeddedKafkaCluster.AllBrokers);
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Healthy_once_records_are_acknowledged()
    {
        var topic = kafka.CreateUniqueTopic("health");
        await using var reader = new SignedUpTopicReader(kafka.BootstrapServers, topic);
        await using var node = PublishingNode.Start(_database, kafka.BootstrapServers, topic);
        using var client = node.CreateClient();

        var results = await PublishingNode.SignUpAsync(client, 3, parallelism: 1, prefix: "health");
        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        await PublishingNode.AllPublishedAsync(reader, await PublishingNode.JournaledEventIdsAsync(_database), "the signups are published");

        await EventuallyReportsAsync(client, r => r.Checks[JournalPublisherHealthCheck.Name].Description.Contains("0 record(s) in flight", StringComparison.Ordinal), "nothing left in flight");
        var report = await NodeHealth.GetAsync(client, UserNodeApplication.HealthPath);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("Healthy", report.Status);
        Assert.Equal("Healthy", report.Checks[JournalPublisherHealthCheck.Name].Status);
        Assert.Contains("Published up to journal ordering 3", report.Checks[JournalPublisherHealthCheck.Name].Description, StringComparison.Ordinal);
        Assert.Equal("Healthy", report.Checks["cluster-membership"].Status);
    }

    [Fact]
    public async Task Degraded_while_Kafka_acknowledges_nothing_and_healthy_again_once_it_does()
    {
        var topic = kafka.CreateUniqueTopic("health-outage");
        await using var reader = new SignedUpTopicReader(kafka.BootstrapServers, topic);
        await using var node = PublishingNode.Start(_database, kafka.BootstrapServers, topic, new Dictionary<string, string?>
        {
            ["UserNode:Publishing:StalledAfter"] = "00:00:01",
        });
        using var client = node.CreateClient();
        await PublishingNode.SignUpAsync(client, 1, parallelism: 1, prefix: "before");
        await Eventually.TrueAsync(() => reader.Records.Count >= 1, PublishingNode.Deadline, "the producer is connected before the outage");

        kafka.Cluster.SetBrokerDown(EmbeddedKafkaCluster.AllBrokers);
        var during = await PublishingNode.SignUpAsync(client, 5, parallelism: 1, prefix: "during");
        Assert.All(during, r => Assert.Equal(HttpStatusCode.Created, r.Status));

        var stalled = await EventuallyReportsAsync(client, r => r.Checks[JournalPublisherHealthCheck.Name].Status == "Degraded", "the publisher reports records Kafka has not acknowledged");
        Assert.Equal(HttpStatusCode.OK, stalled.StatusCode); // Degraded is still 200: the node serves signups
        Assert.Contains("5 record(s) handed to Kafka have had no acknowledgement", stalled.Checks[JournalPublisherHealthCheck.Name].Description, StringComparison.Ordinal);
        using (var ready = await client.GetAsync(UserNodeApplication.ReadyPath))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        kafka.Cluster.SetBrokerUp(EmbeddedKafkaCluster.AllBrokers);
        await PublishingNode.AllPublishedAsync(reader, await PublishingNode.JournaledEventIdsAsync(_database), "the stored signups go out after the outage");
        await EventuallyReportsAsync(client, r => r.Checks[JournalPublisherHealthCheck.Name].Status == "Healthy", "the publisher is healthy again");
    }

    [Fact]
    public async Task Degraded_while_the_publisher_cannot_start()
    {
        // Round robin needs the topic's partition count at start; a topic that does not exist fails
        // every start, and the backoff supervisor keeps restarting it.
        var missing = $"test.missing.{Guid.NewGuid():N}";
        await using var node = PublishingNode.Start(_database, kafka.BootstrapServers, missing, new Dictionary<string, string?>
        {
            ["UserNode:Publishing:Partitioning"] = "RoundRobin",
        });
        using var client = node.CreateClient();
        using (var created = await client.PostAsync("/api/users", SignupJson.Signup(SignupJson.UniqueEmail("stuck"))))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var report = await NodeHealth.GetAsync(client, UserNodeApplication.HealthPath);

        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("Degraded", report.Checks[JournalPublisherHealthCheck.Name].Status);
        Assert.Contains("journal publisher", report.Checks[JournalPublisherHealthCheck.Name].Description, StringComparison.Ordinal);
        Assert.Equal("Healthy", report.Checks["cluster-membership"].Status);
    }

    private static async Task<NodeHealth> EventuallyReportsAsync(HttpClient client, Func<NodeHealth, bool> condition, string because)
    {
        NodeHealth? last = null;
        await Eventually.TrueAsync(
            async () => condition(last = await NodeHealth.GetAsync(client, UserNodeApplication.HealthPath)),
            PublishingNode.Deadline,
            () => $"{because}; last report: {last}");
        return last!;
    }
}
