using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SignupEmail.Testing;
using SignupEmail.UserNode.Tests.Http;
using SignupEmail.UserNode.Users;
using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Tests.Publishing;

/// <summary>Records spread over all partitions: by key hash (default) and round robin (setting).</summary>
[Collection(PublishingCollection.Name)]
public sealed class PartitionSpreadSpec(KafkaClusterFixture kafka) : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Keyed_hashing_spreads_3000_users_over_3_partitions_within_10_percent()
    {
        var counts = await PublishAsync(users: 3000, partitioning: "KeyHash");

        var expected = 3000 / 3.0;
        Assert.All(counts, c => Assert.InRange(c, expected * 0.9, expected * 1.1));
    }

    [Fact]
    public async Task Round_robin_spreads_users_evenly()
    {
        var counts = await PublishAsync(users: 300, partitioning: "RoundRobin");

        Assert.All(counts, c => Assert.Equal(100, c));
    }

    // Users are registered through the shard region (the entity and journal are the real ones; only
    // HTTP and password hashing are left out, which 3 000 requests would spend minutes on).
    private async Task<int[]> PublishAsync(int users, string partitioning)
    {
        var topic = kafka.CreateUniqueTopic("spread");
        await using var reader = new SignedUpTopicReader(kafka.BootstrapServers, topic);
        await using var node = PublishingNode.Start(_database, kafka.BootstrapServers, topic, new Dictionary<string, string?>
        {
            ["UserNode:Publishing:Partitioning"] = partitioning,
        });
        var region = await ActorRegistry.For(node.Services.GetRequiredService<ActorSystem>()).GetAsync<UserRegion>();

        var eventIds = new List<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(0, users), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, cancellationToken) =>
        {
            var email = SignupJson.UniqueEmail("spread");
            var normalized = email.ToLowerInvariant();
            var command = new RegisterUser(
                UserIdentity.FromNormalizedEmail(normalized), email, normalized, "Spread", "en", "not-a-real-hash", Guid.CreateVersion7(), DateTimeOffset.UtcNow, null);
            lock (eventIds)
            {
                eventIds.Add(command.EventId);
            }

            var reply = await region.Ask<IUserReply>(command, TimeSpan.FromSeconds(30), cancellationToken);
            Assert.IsType<UserRegistrationAccepted>(reply);
        });

        await PublishingNode.AllPublishedAsync(reader, eventIds, "every registration is published");
        var distinct = reader.Records.DistinctBy(r => SignedUpTopicReader.Header(r, Shared.Contracts.CloudEventHeaders.Id)).ToList();
        return [.. Enumerable.Range(0, 3).Select(p => distinct.Count(r => r.Partition.Value == p))];
    }
}
