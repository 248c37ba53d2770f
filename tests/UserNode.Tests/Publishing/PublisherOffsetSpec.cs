using System.Data.Common;
using System.Net;
using Microsoft.Data.Sqlite;
using SignupEmail.Testing;
using SignupEmail.UserNode.Tests.Http;

namespace SignupEmail.UserNode.Tests.Publishing;

/// <summary>
/// The journal is the outbox: an event committed while the publisher could not publish is published
/// after a restart, and the stored offset keeps what was already published from going out again.
/// </summary>
[Collection(PublishingCollection.Name)]
public sealed class PublisherOffsetSpec(KafkaClusterFixture kafka) : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Events_committed_before_a_restart_are_published_after_it_and_the_offset_is_honoured()
    {
        var topic = kafka.CreateUniqueTopic("restart");
        await using var reader = new SignedUpTopicReader(kafka.BootstrapServers, topic);

        // 1. Published and acknowledged; the node stops once the offset is stored.
        await using (var node = PublishingNode.Start(_database, kafka.BootstrapServers, topic))
        {
            using var client = node.CreateClient();
            Assert.All(await PublishingNode.SignUpAsync(client, 20, 4, "before"), r => Assert.Equal(HttpStatusCode.Created, r.Status));
            var published = await PublishingNode.JournaledEventIdsAsync(_database);
            await PublishingNode.AllPublishedAsync(reader, published, "the first signups are published");
            var highest = await HighestOrderingAsync();
            await Eventually.TrueAsync(async () => await StoredOffsetAsync() >= highest, PublishingNode.Deadline, "the offset is stored");
        }

        var first = (await PublishingNode.JournaledEventIdsAsync(_database)).ToHashSet();
        var readBefore = reader.EventIds.Count;

        // 2. Committed while the node cannot reach Kafka (nothing listens on that port), then it stops.
        await using (var node = PublishingNode.Start(_database, "127.0.0.1:1", topic))
        {
            using var client = node.CreateClient();
            Assert.All(await PublishingNode.SignUpAsync(client, 20, 4, "unpublished"), r => Assert.Equal(HttpStatusCode.Created, r.Status));
        }

        var pending = (await PublishingNode.JournaledEventIdsAsync(_database)).Except(first).ToList();
        Assert.Equal(20, pending.Count);
        Assert.Equal(readBefore, reader.EventIds.Count);

        // 3. Restarted with Kafka: the pending ones go out, the first ones are not sent again.
        await using (PublishingNode.Start(_database, kafka.BootstrapServers, topic))
        {
            await PublishingNode.AllPublishedAsync(reader, pending, "the events committed before the restart are published after it");
            var published = reader.EventIds;
            Assert.True(
                published.Count(first.Contains) == first.Count,
                $"records before the stored offset are not republished; {PublishingNode.Describe(published)}");
        }
    }

    private async Task<long> HighestOrderingAsync() => await ScalarAsync("SELECT MAX(ordering) FROM journal");

    private async Task<long> StoredOffsetAsync() => await ScalarAsync("SELECT COALESCE(MAX(ordering), 0) FROM publisher_offsets");

    private async Task<long> ScalarAsync(string sql)
    {
        await using DbConnection connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
