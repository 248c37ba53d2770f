using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SignupEmail.EmailNode.Consuming;

/// <summary>
/// The pipeline's figures: records handled by outcome, delivery duration, retries, the delivery
/// circuit breaker's state, dead letters written. Consumer lag is <see cref="ConsumerLagMetrics"/>'s.
/// </summary>
internal static class EmailPipelineMetrics
{
    /// <summary>Meter name, under the node's <c>SignupEmail.EmailNode.*</c>.</summary>
    public const string MeterName = "SignupEmail.EmailNode.Consuming";

    /// <summary>Attribute naming what became of a record.</summary>
    public const string OutcomeAttribute = "signupemail.record.outcome";

    internal static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Handled = Meter.CreateCounter<long>(
        "signupemail.records.handled", "{record}", "Consumed records by outcome: sent, duplicate, dead_lettered, abandoned.");

    private static readonly Histogram<double> DeliveryDuration = Meter.CreateHistogram<double>(
        "signupemail.delivery.duration",
        "s",
        "One delivery attempt of a welcome e-mail (SMTP or pickup file), by result.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "signupemail.delivery.retries", "{retry}", "Handling attempts of a record that failed and are tried again after a backoff.");

    private static readonly Counter<long> DeadLettersWritten = Meter.CreateCounter<long>(
        "signupemail.dead_letters.written", "{record}", "Records written to the dead-letter topic (acknowledged).");

    private static readonly Counter<long> DeadLettersReplayed = Meter.CreateCounter<long>(
        "signupemail.dead_letters.replayed", "{record}", "Dead letters re-published to the source topic by a replay.");

    private static Func<CircuitState>? s_circuit;

    static EmailPipelineMetrics()
    {
        Meter.CreateObservableGauge(
            "signupemail.delivery.circuit.state",
            ObserveCircuit,
            "{state}",
            "1 for the delivery circuit breaker's current state (attribute signupemail.circuit.state), 0 for the others.");
    }

    /// <summary>The breaker whose state the gauge reports: the node's one (the last registered, when a process hosts several).</summary>
    public static void ObserveCircuit(DeliveryCircuitBreaker breaker) => Volatile.Write(ref s_circuit, () => breaker.State);

    /// <summary>A record is done with <paramref name="kind"/>.</summary>
    public static void RecordHandled(RecordOutcomeKind kind) => Handled.Add(1, new KeyValuePair<string, object?>(OutcomeAttribute, kind switch
    {
        RecordOutcomeKind.Sent => "sent",
        RecordOutcomeKind.Skipped => "duplicate",
        RecordOutcomeKind.DeadLetter => "dead_lettered",
        _ => "abandoned",
    }));

    /// <summary>A delivery attempt that started at <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp) ended.</summary>
    public static void RecordDelivery(long started, bool delivered) =>
        DeliveryDuration.Record(
            Stopwatch.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>("signupemail.delivery.result", delivered ? "delivered" : "failed"));

    /// <summary>A failed attempt is retried.</summary>
    public static void RecordRetry() => Retries.Add(1);

    /// <summary>A dead letter was acknowledged by Kafka.</summary>
    public static void RecordDeadLettered() => DeadLettersWritten.Add(1);

    /// <summary>A replay re-published <paramref name="count"/> dead letters.</summary>
    public static void RecordReplayed(int count) => DeadLettersReplayed.Add(count);

    private static IEnumerable<Measurement<int>> ObserveCircuit()
    {
        if (Volatile.Read(ref s_circuit) is not { } read)
        {
            return [];
        }

        var state = read();
        return
        [
            Measurement(state, CircuitState.Closed, "closed"),
            Measurement(state, CircuitState.Open, "open"),
            Measurement(state, CircuitState.HalfOpen, "half_open"),
        ];
    }

    private static Measurement<int> Measurement(CircuitState current, CircuitState state, string name) =>
        new(current == state ? 1 : 0, new KeyValuePair<string, object?>("signupemail.circuit.state", name));
}
