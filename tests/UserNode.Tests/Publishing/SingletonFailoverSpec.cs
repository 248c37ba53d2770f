using System.Net;
using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.DependencyInjection;
using SignupEmail.Testing;
using SignupEmail.UserNode.Tests.Http;

namespace SignupEmail.UserNode.Tests.Publishing;

/// <summary>The publisher runs once per cluster and moves to the surviving node when its node stops.</summary>
[Collection(PublishingCollection.Name)]
public sealed class SingletonFailoverSpec(KafkaClusterFixture kafka) : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Stopping_the_publishers_node_mid_run_loses_nothing_and_the_singleton_moves()
    {
        var topic = kafka.CreateUniqueTopic("failover");
        await using var reader = new SignedUpTopicReader(kafka.BootstrapServers, topic);
        var first = PublishingNode.Start(_database, kafka.BootstrapServers, topic);
        try
        {
            var firstSystem = first.Services.GetRequiredService<ActorSystem>();
            var seed = Akka.Cluster.Cluster.Get(firstSystem).SelfAddress.ToString();
            await using var second = PublishingNode.Start(_database, kafka.BootstrapServers, topic, new Dictionary<string, string?>
            {
                ["UserNode:Cluster:SeedNodes:0"] = seed,
            });
            var secondSystem = second.Services.GetRequiredService<ActorSystem>();
            await Eventually.TrueAsync(
                () => Akka.Cluster.Cluster.Get(secondSystem).State.Members.Count(m => m.Status == MemberStatus.Up) == 2,
                PublishingNode.Deadline,
                "the second node joins");

            // The oldest node (the first) runs the singleton.
            await Eventually.TrueAsync(() => HostsPublisher(first), PublishingNode.Deadline, "the publisher starts on the first node");
            Assert.False(HostsPublisher(second), "and only there");

            using var client = second.CreateClient();
            var signups = Task.Run(async () =>
            {
                var all = new List<(string Email, HttpStatusCode Status)>();
                for (var round = 0; round < 10; round++)
                {
                    all.AddRange(await PublishingNode.SignUpAsync(client, 30, 4, "failover"));
                }

                return all;
            });

            await Eventually.TrueAsync(() => reader.Records.Count >= 30, PublishingNode.Deadline, "publishing is under way");
            await first.DisposeAsync(); // graceful stop: leaves the cluster, hands the singleton over
            var results = await signups;

            // Requests that reached the stopping node's shards may get 503 + Retry-After during the
            // hand-over; a client retries them (409 then means the first attempt was stored).
            foreach (var (email, _) in results.Where(r => r.Status == HttpStatusCode.ServiceUnavailable))
            {
                await Eventually.TrueAsync(
                    async () =>
                    {
                        using var retry = await client.PostAsync("/api/users", SignupJson.Signup(email));
                        return retry.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict;
                    },
                    PublishingNode.Deadline,
                    "a retried signup is answered once the shards moved");
            }

            Assert.All(results, r => Assert.True(r.Status is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"{r.Status}"));
            var expected = await PublishingNode.JournaledEventIdsAsync(_database);
            Assert.Equal(300, expected.Count);
            await PublishingNode.AllPublishedAsync(reader, expected, "no signup is lost across the hand-over");
            await Eventually.TrueAsync(() => HostsPublisher(second), PublishingNode.Deadline, "the singleton moved to the second node");
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    // The publisher logs its start with the offset it resumes from; each node has its own log.
    private static bool HostsPublisher(UserNodeFactory node) =>
        node.Logs.Lines.Any(line => line.Contains("Journal publisher started after ordering", StringComparison.Ordinal));
}
