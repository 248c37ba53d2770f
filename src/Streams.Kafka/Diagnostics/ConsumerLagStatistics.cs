using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;

namespace SignupEmail.Streams.Kafka.Diagnostics;

/// <summary>
/// The consumer lag gauge of every consumer stage, <c>messaging.kafka.consumer.lag</c> on the
/// <see cref="KafkaTelemetry.Name"/> meter: per assigned partition, the records between the group's
/// committed offset and the end of the partition, as librdkafka reports them in its statistics
/// (<c>consumer_lag</c>, every <c>statistics.interval.ms</c>; before the group's first commit, every
/// record the partition holds). Nothing asks a broker for it: librdkafka
/// knows the end from its fetches and the committed offset from its commits, and the statistics
/// arrive inside the poll loop's own Consume call. A consumer that stops reporting (closed) drops out
/// after two intervals.
/// </summary>
public static class ConsumerLagStatistics
{
    /// <summary>The gauge's name.</summary>
    public const string LagName = "messaging.kafka.consumer.lag";

    /// <summary>The librdkafka property that sets how often the figures are refreshed; 0 turns them off.</summary>
    public const string IntervalProperty = "statistics.interval.ms";

    private static readonly Meter Meter = new(KafkaTelemetry.Name, typeof(ConsumerLagStatistics).Assembly.GetName().Version?.ToString());

    // The latest figures of each live consumer handle, by its librdkafka name (unique in the process).
    private static readonly ConcurrentDictionary<string, Report> Reports = new(StringComparer.Ordinal);

    static ConsumerLagStatistics() =>
        Meter.CreateObservableGauge(
            LagName, Observe, "{message}", "Records of an assigned partition not yet committed by the consumer group (librdkafka's consumer_lag).");

    /// <summary>
    /// Takes one statistics report of a consumer (Confluent's statistics handler, on the poll thread).
    /// </summary>
    /// <param name="clientName">The consumer handle's name (<c>IClient.Name</c>).</param>
    /// <param name="groupId">The consumer group, for <c>messaging.consumer.group.name</c>.</param>
    /// <param name="interval">The statistics interval: figures older than two of them are dropped.</param>
    /// <param name="json">librdkafka's statistics JSON.</param>
    public static void Record(string clientName, string? groupId, TimeSpan interval, string json)
    {
        ArgumentNullException.ThrowIfNull(clientName);
        ArgumentNullException.ThrowIfNull(json);
        List<(string Topic, int Partition, long Lag)> partitions;
        try
        {
            partitions = Parse(json);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // Thrown here it would fail the consumer's Consume call: a metric never stops the stream.
            return;
        }

        var expiresAt = Stopwatch.GetTimestamp() + (long)(interval.TotalSeconds * 2 * Stopwatch.Frequency);
        Reports[clientName] = new Report(groupId, partitions, expiresAt);
    }

    /// <summary>The statistics interval <paramref name="properties"/> set (librdkafka's <c>statistics.interval.ms</c>); zero when off.</summary>
    public static TimeSpan IntervalOf(IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return properties.TryGetValue(IntervalProperty, out var value) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : TimeSpan.Zero;
    }

    // Partitions the consumer fetches (fetch_state other than "none") whose end is known.
    private static List<(string Topic, int Partition, long Lag)> Parse(string json)
    {
        var result = new List<(string, int, long)>();
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("topics", out var topics) || topics.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var topic in topics.EnumerateObject())
        {
            if (!topic.Value.TryGetProperty("partitions", out var partitions) || partitions.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var partition in partitions.EnumerateObject())
            {
                var p = partition.Value;
                if (Number(p, "partition") is >= 0 and var id && p.TryGetProperty("fetch_state", out var state) && state.GetString() != "none"
                    && LagOf(p) is { } lag)
                {
                    result.Add((topic.Name, (int)id, lag));
                }
            }
        }

        return result;
    }

    // librdkafka's consumer_lag (end − committed; the end is the last stable offset under
    // read_committed). Before the group's first commit it says -1 ("unknown"); the lag is then every
    // record the partition still holds, as the group will read them all.
    private static long? LagOf(JsonElement partition)
    {
        if (Number(partition, "consumer_lag") is >= 0 and var lag)
        {
            return lag;
        }

        var end = Number(partition, "ls_offset") is >= 0 and var stable ? stable : Number(partition, "hi_offset");
        var committed = Number(partition, "committed_offset");
        return end < 0 || committed >= 0 ? null : Math.Max(0, end - Math.Max(0, Number(partition, "lo_offset")));
    }

    private static long Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : -1;

    private static List<Measurement<long>> Observe()
    {
        var now = Stopwatch.GetTimestamp();
        var measurements = new List<Measurement<long>>();
        foreach (var (client, report) in Reports)
        {
            if (report.ExpiresAt < now)
            {
                Reports.TryRemove(new KeyValuePair<string, Report>(client, report));
                continue;
            }

            foreach (var (topic, partition, lag) in report.Partitions)
            {
                measurements.Add(new Measurement<long>(
                    lag,
                    new KeyValuePair<string, object?>("messaging.system", "kafka"),
                    new KeyValuePair<string, object?>("messaging.destination.name", topic),
                    new KeyValuePair<string, object?>("messaging.destination.partition.id", partition.ToString(CultureInfo.InvariantCulture)),
                    new KeyValuePair<string, object?>("messaging.consumer.group.name", report.GroupId)));
            }
        }

        return measurements;
    }

    private sealed record Report(string? GroupId, IReadOnlyList<(string Topic, int Partition, long Lag)> Partitions, long ExpiresAt);
}
