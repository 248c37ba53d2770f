using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Internal;

namespace SignupEmail.Streams.Kafka.Messages;

/// <summary>
/// The offset of one consumed record, committable through the consumer that read it. Committing it
/// stores <c>Offset + 1</c> for the partition: the record counts as processed.
/// </summary>
public sealed class CommittableOffset : ICommittable
{
    internal CommittableOffset(ICommitterChannel channel, TopicPartition partition, long offset, int assignmentEpoch)
    {
        Channel = channel;
        Partition = partition;
        Offset = offset;
        AssignmentEpoch = assignmentEpoch;
    }

    /// <summary>The consumer group the offset belongs to.</summary>
    public string GroupId => Channel.GroupId;

    /// <summary>The record's topic and partition.</summary>
    public TopicPartition Partition { get; }

    /// <summary>The record's own offset (the commit stores this + 1).</summary>
    public long Offset { get; }

    /// <inheritdoc />
    public int BatchSize => 1;

    // Which consumer to commit through, and which assignment of the partition the record came from:
    // an offset from an earlier assignment is stale once the partition moved away and back.
    internal ICommitterChannel Channel { get; }

    internal int AssignmentEpoch { get; }

    /// <inheritdoc />
    public Task CommitAsync() => CommittableOffsetBatch.Create([this]).CommitAsync();

    /// <inheritdoc />
    public override string ToString() => $"{GroupId}:{Partition.Topic}[{Partition.Partition.Value}]@{Offset}";
}
