using System.Data.Common;
using System.Globalization;
using System.Net;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SignupEmail.Testing;
using SignupEmail.UserNode.Hosting;
using SignupEmail.UserNode.Publishing;
using SignupEmail.UserNode.Tests.Http;
using SignupEmail.UserNode.Users;
using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Tests.Publishing;

/// <summary>
/// Issue #14: a stored signup the publisher cannot encode (here one an older, looser address rule let
/// through) is never skipped in silence: it is logged as an Error with its persistence id and sequence
/// number, <c>/health</c> turns Degraded, the stored offset stays below it so a restart reads it
/// again, and the signups after it still go out.
/// </summary>
[Collection(PublishingCollection.Name)]
public sealed class UnpublishableSignupSpec(KafkaClusterFixture kafka) : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_stored_signup_that_cannot_be_encoded_is_held_and_reported_never_skipped()
    {
        var topic = kafka.CreateUniqueTopic("unpublishable");
        await using var reader = new SignedUpTopicReader(kafka.BootstrapServers, topic);
        var legacy = LegacyRegistration(".legacy@example.com"); // MailKit refuses a leading dot
        var persistenceId = $"{UserEntity.PersistenceIdPrefix}{legacy.UserId}";

        await using (var node = PublishingNode.Start(_database, kafka.BootstrapServers, topic))
        {
            using var client = node.CreateClient();
            await PublishingNode.SignUpAsync(client, 1, parallelism: 1, prefix: "before");
            await PublishingNode.AllPublishedAsync(reader, await PublishingNode.JournaledEventIdsAsync(_database), "the first signup is published");

            var region = await ActorRegistry.For(node.Services.GetRequiredService<ActorSystem>()).GetAsync<UserRegion>();
            Assert.IsType<UserRegistrationAccepted>(await region.Ask<IUserReply>(legacy, TimeSpan.FromSeconds(30)));
            var after = await PublishingNode.SignUpAsync(client, 2, parallelism: 1, prefix: "after");
            Assert.All(after, r => Assert.Equal(HttpStatusCode.Created, r.Status));

            var others = (await PublishingNode.JournaledEventIdsAsync(_database)).Where(id => id != legacy.EventId).ToList();
            await PublishingNode.AllPublishedAsync(reader, others, "the signups after the held one still go out");
            Assert.DoesNotContain(legacy.EventId, reader.EventIds);

            var report = await EventuallyDegradedAsync(client);
            Assert.Contains("cannot be published and are held", report.Checks[JournalPublisherHealthCheck.Name].Description, StringComparison.Ordinal);
            Assert.Contains($"({persistenceId}, sequence nr 1)", report.Checks[JournalPublisherHealthCheck.Name].Description, StringComparison.Ordinal);
            Assert.DoesNotContain("legacy@", report.Checks[JournalPublisherHealthCheck.Name].Description, StringComparison.Ordinal); // masked
            Assert.Contains(
                node.Logs.Lines,
                l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains(persistenceId, StringComparison.Ordinal) && l.Contains("SequenceNr=1", StringComparison.Ordinal));

            var held = await ScalarAsync($"SELECT ordering FROM journal WHERE persistence_id = '{persistenceId}'");
            await Eventually.TrueAsync(
                async () => await StoredOffsetAsync() == held - 1,
                PublishingNode.Deadline,
                "the offset moves up to the held signup and no further");
        }

        // Not lost: a new publisher starts below it, reads it again and holds it again.
        await using (var restarted = PublishingNode.Start(_database, kafka.BootstrapServers, topic))
        {
            using var client = restarted.CreateClient();
            var report = await EventuallyDegradedAsync(client);
            Assert.Contains($"({persistenceId}, sequence nr 1)", report.Checks[JournalPublisherHealthCheck.Name].Description, StringComparison.Ordinal);
            Assert.DoesNotContain(legacy.EventId, reader.EventIds);
        }
    }

    // What an older version's looser rule stored; the API of this one answers 400 for it.
    private static RegisterUser LegacyRegistration(string email) => new(
        UserIdentity.FromNormalizedEmail(email),
        email,
        email,
        "Legacy",
        "ko",
        "AQAAAAIAAYagAAAAEHashThatIsNeverChecked==",
        Guid.NewGuid(),
        DateTimeOffset.UtcNow,
        TraceParent: null);

    private static async Task<NodeHealth> EventuallyDegradedAsync(HttpClient client)
    {
        NodeHealth? last = null;
        await Eventually.TrueAsync(
            async () => (last = await NodeHealth.GetAsync(client, UserNodeApplication.HealthPath)).Checks[JournalPublisherHealthCheck.Name].Description.Contains("held", StringComparison.Ordinal),
            PublishingNode.Deadline,
            () => $"the publisher reports the held signup; last report: {last}");
        Assert.Equal("Degraded", last!.Checks[JournalPublisherHealthCheck.Name].Status);
        Assert.Equal(HttpStatusCode.OK, last.StatusCode); // Degraded, not Unhealthy: the node still takes signups
        return last;
    }

    private async Task<long> StoredOffsetAsync() => await ScalarAsync("SELECT COALESCE(MAX(ordering), 0) FROM publisher_offsets");

    private async Task<long> ScalarAsync(string sql)
    {
        await using DbConnection connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
