using System.Collections.Concurrent;

namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>
/// The consumer groups that have a poll thread (and its librdkafka handle) alive in this process:
/// what a leak check after a test looks at.
/// </summary>
internal static class LiveConsumers
{
    private static readonly ConcurrentDictionary<string, int> Threads = new(StringComparer.Ordinal);

    /// <summary>Group ids with at least one live poll thread.</summary>
    public static IReadOnlyCollection<string> Groups => Threads.Where(g => g.Value > 0).Select(g => g.Key).ToList();

    public static void Started(string groupId) => Threads.AddOrUpdate(groupId, 1, (_, n) => n + 1);

    public static void Ended(string groupId) => Threads.AddOrUpdate(groupId, 0, (_, n) => n - 1);
}
