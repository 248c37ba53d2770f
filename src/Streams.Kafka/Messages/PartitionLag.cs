using Confluent.Kafka;

namespace SignupEmail.Streams.Kafka.Messages;

/// <summary>
/// Progress of one assigned partition, for metrics and inspection. Offsets are <c>null</c> when
/// Kafka has none yet (nothing committed, nothing fetched).
/// </summary>
/// <param name="Partition">The topic and partition.</param>
/// <param name="HighWatermark">Offset the next produced record will get.</param>
/// <param name="Committed">The group's committed offset (next record to process after a restart).</param>
/// <param name="Position">The consumer's fetch position (next record it will read).</param>
public sealed record PartitionLag(TopicPartition Partition, long HighWatermark, long? Committed, long? Position)
{
    /// <summary>Records not yet committed: high watermark − committed (all of them when nothing is committed).</summary>
    public long LagFromCommitted => Math.Max(0, HighWatermark - (Committed ?? 0));

    /// <summary>Records not yet read: high watermark − position.</summary>
    public long? LagFromPosition => Position is { } position ? Math.Max(0, HighWatermark - position) : null;
}
