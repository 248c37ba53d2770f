using Confluent.Kafka;

namespace SignupEmail.EmailNode.Admin;

/// <summary>Progress of the group on some partitions, as Kafka reported it at <paramref name="ReadAt"/>.</summary>
/// <param name="Partitions">One entry per partition.</param>
/// <param name="ReadAt">When Kafka answered: the figures are this old.</param>
public sealed record ConsumerLag(IReadOnlyList<PartitionProgress> Partitions, DateTimeOffset ReadAt)
{
    /// <summary>Records not yet committed, over all <see cref="Partitions"/>.</summary>
    public long TotalLag => Partitions.Sum(p => p.Lag);
}

/// <summary>One partition's high watermark and the group's committed offset (null when nothing is committed).</summary>
/// <param name="Partition">The topic and partition.</param>
/// <param name="HighWatermark">Offset the next produced record will get.</param>
/// <param name="Committed">The group's committed offset: the next record it handles after a restart.</param>
public sealed record PartitionProgress(TopicPartition Partition, long HighWatermark, long? Committed)
{
    /// <summary>Records not yet committed: high watermark − committed (all of them when nothing is committed).</summary>
    public long Lag => Math.Max(0, HighWatermark - (Committed ?? 0));
}
