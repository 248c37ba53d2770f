using System.Net;
using SignupEmail.Testing;
using SignupEmail.UserNode.Tests.Http;

namespace SignupEmail.UserNode.Tests.Publishing;

/// <summary>
/// On PostgreSQL concurrent journal writes commit out of ordering order (the publisher sees gaps
/// that fill a few milliseconds later): none of 2 000 concurrent signups may be skipped.
/// </summary>
[Collection(PublishingCollection.Name)]
public sealed class ConcurrentSignupsSpec(KafkaClusterFixture kafka) : IAsyncLifetime
{
    private PostgresTestDatabase? _database;

    public async Task InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_one_of_2000_concurrent_signups_on_PostgreSQL_is_found_on_Kafka()
    {
        var topic = kafka.CreateUniqueTopic("concurrent");
        await using var reader = new SignedUpTopicReader(kafka.BootstrapServers, topic);
        await using var node = PublishingNode.Start(_database!, kafka.BootstrapServers, topic);
        using var client = node.CreateClient();

        var results = await PublishingNode.SignUpAsync(client, 2000, parallelism: 64, prefix: "concurrent");

        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        var expected = await PublishingNode.JournaledEventIdsAsync(_database!);
        Assert.Equal(2000, expected.Count);
        await PublishingNode.AllPublishedAsync(reader, expected, "every concurrent signup is published");
        var published = reader.EventIds;
        Assert.True(published.ToHashSet().SetEquals(expected), $"exactly the expected event ids; {PublishingNode.Describe(published)}");
    }
}
