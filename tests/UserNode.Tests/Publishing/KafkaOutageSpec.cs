using System.Net;
using SignupEmail.EmbeddedKafka;
using SignupEmail.Testing;
using SignupEmail.UserNode.Tests.Http;

namespace SignupEmail.UserNode.Tests.Publishing;

/// <summary>Kafka unavailable: signups still succeed, and every one is published once Kafka is back.</summary>
[Collection(PublishingCollection.Name)]
public sealed class KafkaOutageSpec(KafkaClusterFixture kafka) : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        kafka.Cluster.SetBrokerUp(EmbeddedKafkaCluster.AllBrokers);
        await _database.DisposeAsync();
    }

    [Theory]
    [InlineData("waits")] // librdkafka keeps retrying until the brokers return
    [InlineData("fails")] // deliveries time out: the stage fails and the publisher restarts from its offset
    public async Task All_brokers_down_for_5_s_during_500_signups_then_all_500_are_published(string mode)
    {
        var topic = kafka.CreateUniqueTopic("outage");
        await using var reader = new SignedUpTopicReader(kafka.BootstrapServers, topic);
        var extra = new Dictionary<string, string?>();
        if (mode == "fails")
        {
            extra["UserNode:Publishing:KafkaProperties:message.timeout.ms"] = "1500";
        }

        await using var node = PublishingNode.Start(_database, kafka.BootstrapServers, topic, extra);
        using var client = node.CreateClient();
        using (var warmUp = await client.PostAsync("/api/users", SignupJson.Signup(SignupJson.UniqueEmail("warm"))))
        {
            Assert.Equal(HttpStatusCode.Created, warmUp.StatusCode);
        }

        await Eventually.TrueAsync(() => reader.Records.Count >= 1, PublishingNode.Deadline, "the producer is connected before the outage");

        kafka.Cluster.SetBrokerDown(EmbeddedKafkaCluster.AllBrokers);
        var outage = Task.Delay(TimeSpan.FromSeconds(5)).ContinueWith(_ => kafka.Cluster.SetBrokerUp(EmbeddedKafkaCluster.AllBrokers), TaskScheduler.Default);
        var results = await PublishingNode.SignUpAsync(client, 500, parallelism: 16, prefix: "outage");
        await outage;

        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        var expected = await PublishingNode.JournaledEventIdsAsync(_database);
        Assert.Equal(501, expected.Count);
        await PublishingNode.AllPublishedAsync(reader, expected, $"all signups are published after the outage ({mode})");
        var published = reader.EventIds;
        Assert.True(published.ToHashSet().SetEquals(expected), $"exactly the expected event ids; {PublishingNode.Describe(published)}");
    }
}
