using System.Globalization;
using System.Net;
using System.Text.Json;
using SignupEmail.Testing;
using SignupEmail.UserNode.Tests.Http;

namespace SignupEmail.UserNode.Tests.Publishing;

/// <summary>Starts user nodes that publish to a topic of the embedded cluster, and signs users up through them.</summary>
public static class PublishingNode
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static UserNodeFactory Start(
        TestDatabase database, string bootstrapServers, string topic, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["UserNode:Publishing:BootstrapServers"] = bootstrapServers,
            ["UserNode:Publishing:Topic"] = topic,
            ["UserNode:Publishing:MinBackoff"] = "00:00:00.200",
            ["UserNode:Publishing:MaxBackoff"] = "00:00:02",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var node = new UserNodeFactory(database, settings);
        node.CreateClient().Dispose(); // starts the host
        return node;
    }

    /// <summary>Signs up <paramref name="count"/> new users, <paramref name="parallelism"/> at a time; returns the event ids (from the journal later) by e-mail.</summary>
    public static async Task<IReadOnlyList<(string Email, HttpStatusCode Status)>> SignUpAsync(HttpClient client, int count, int parallelism, string prefix)
    {
        var results = new (string, HttpStatusCode)[count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            async (i, cancellationToken) =>
            {
                var email = SignupJson.UniqueEmail(prefix + i.ToString(CultureInfo.InvariantCulture));
                using var response = await client.PostAsync("/api/users", SignupJson.Signup(email), cancellationToken);
                results[i] = (email, response.StatusCode);
            });
        return results;
    }

    /// <summary>Event ids of every <c>user-registered.v1</c> row in the journal.</summary>
    public static async Task<IReadOnlyList<Guid>> JournaledEventIdsAsync(TestDatabase database)
    {
        var rows = await database.ReadJournalAsync();
        return [.. rows
            .Where(r => r.Manifest == "user-registered.v1")
            .Select(r => JsonDocument.Parse(r.Payload).RootElement.GetProperty("eventId").GetGuid())];
    }

    /// <summary>Waits until every id in <paramref name="expected"/> was read; the message counts duplicates.</summary>
    public static async Task AllPublishedAsync(SignedUpTopicReader reader, IReadOnlyCollection<Guid> expected, string because)
    {
        var wanted = expected.ToHashSet();
        await Eventually.TrueAsync(
            () => wanted.IsSubsetOf(reader.EventIds),
            Deadline,
            $"{because}: {wanted.Except(reader.EventIds).Count()} of {wanted.Count} event(s) still missing on Kafka");
    }

    public static string Describe(IReadOnlyList<Guid> published) =>
        $"{published.Count} record(s), {published.Count - published.Distinct().Count()} duplicate(s)";
}
