using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Messages;

namespace SignupEmail.Streams.Kafka.Dsl;

/// <summary>
/// Materialized by the consumer sources: stops them, shuts the Kafka consumer down, and tells what
/// it is assigned and how far behind it is. Every member is thread-safe and may be called more than once.
/// </summary>
public interface IControl
{
    /// <summary>
    /// Stops emitting records: the source and every partition sub-source complete and buffered
    /// records are dropped, but the consumer stays in the group and keeps committing what the stream
    /// still commits. Completes once no record will be emitted any more.
    /// </summary>
    Task Stop();

    /// <summary>
    /// Stops, then keeps the consumer (polling, in the group) until every record already emitted has
    /// been handed to the committer and committed — records of sub-streams that failed excepted — or
    /// <c>stop-timeout</c> has passed, and closes it (it leaves the group). A failing stream or a
    /// cancelled source shuts down the same way. Completes like <see cref="IsShutdown"/>.
    /// </summary>
    Task Shutdown();

    /// <summary>Completes when the consumer is closed; faults with the error that failed the consumer.</summary>
    Task IsShutdown { get; }

    /// <summary>
    /// The clean way to stop: <see cref="Stop"/>, wait (at most the consumer's <c>stop-timeout</c>)
    /// for <paramref name="streamCompletion"/> — the stream finishing its in-flight records and
    /// commits — then <see cref="Shutdown"/>. Returns the stream's result; faults with a
    /// <see cref="TimeoutException"/> if the stream did not finish in time (the consumer is closed anyway).
    /// </summary>
    Task<T> DrainAndShutdown<T>(Task<T> streamCompletion);

    /// <summary>The partitions assigned to this consumer right now.</summary>
    IReadOnlyCollection<TopicPartition> AssignedPartitions { get; }

    /// <summary>Committed offset, position and high watermark of every assigned partition (asks the brokers).</summary>
    Task<IReadOnlyList<PartitionLag>> GetPartitionLagAsync(CancellationToken cancellationToken = default);
}
