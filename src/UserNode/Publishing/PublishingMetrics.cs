using System.Diagnostics.Metrics;

namespace SignupEmail.UserNode.Publishing;

/// <summary>
/// The journal publisher's figures: how long a stored signup waits until Kafka acknowledges its
/// record (<c>signupemail.publish.delay</c>) and how many records are handed to Kafka but not yet
/// acknowledged (<c>signupemail.publish.in_flight</c>).
/// </summary>
internal static class PublishingMetrics
{
    /// <summary>Meter name, under the node's <c>SignupEmail.UserNode.*</c>.</summary>
    public const string MeterName = "SignupEmail.UserNode.Publishing";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Delay = Meter.CreateHistogram<double>(
        "signupemail.publish.delay",
        "s",
        "From the signup's registration (journal write) to Kafka's acknowledgement of its record, by wall clock.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });

    private static readonly UpDownCounter<long> InFlight = Meter.CreateUpDownCounter<long>(
        "signupemail.publish.in_flight", "{record}", "Records handed to the Kafka producer and not yet acknowledged.");

    /// <summary>A record went to the producer.</summary>
    public static void Handed() => InFlight.Add(1);

    /// <summary>Kafka acknowledged a record of a signup registered at <paramref name="registeredAt"/>.</summary>
    public static void Acknowledged(DateTimeOffset registeredAt, DateTimeOffset now)
    {
        InFlight.Add(-1);
        Delay.Record(Math.Max(0, (now - registeredAt).TotalSeconds));
    }

    /// <summary>The publisher stopped with <paramref name="count"/> records unacknowledged; its successor sends them again.</summary>
    public static void Abandoned(int count) => InFlight.Add(-count);
}
