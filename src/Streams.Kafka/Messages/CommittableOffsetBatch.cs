using System.Collections.Immutable;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Internal;

namespace SignupEmail.Streams.Kafka.Messages;

/// <summary>
/// Several offsets folded into the highest one per consumer and partition, committed together
/// (one commit request per consumer).
/// </summary>
public sealed class CommittableOffsetBatch : ICommittable
{
    private readonly ImmutableDictionary<ChannelPartition, CommittableOffset> _highest;

    private CommittableOffsetBatch(ImmutableDictionary<ChannelPartition, CommittableOffset> highest, int batchSize)
    {
        _highest = highest;
        BatchSize = batchSize;
    }

    /// <summary>A batch holding nothing.</summary>
    public static CommittableOffsetBatch Empty { get; } = new(ImmutableDictionary<ChannelPartition, CommittableOffset>.Empty, 0);

    /// <inheritdoc />
    public int BatchSize { get; }

    /// <summary>The highest offset per partition in this batch.</summary>
    public IReadOnlyCollection<CommittableOffset> Offsets => _highest.Values.ToList();

    /// <summary>Folds <paramref name="committables"/> (offsets or other batches) into one batch.</summary>
    public static CommittableOffsetBatch Create(IEnumerable<ICommittable> committables)
    {
        ArgumentNullException.ThrowIfNull(committables);
        var builder = ImmutableDictionary.CreateBuilder<ChannelPartition, CommittableOffset>();
        var size = 0;
        foreach (var committable in committables)
        {
            size += committable.BatchSize;
            switch (committable)
            {
                case CommittableOffset offset:
                    Fold(builder, offset);
                    break;
                case CommittableOffsetBatch batch:
                    foreach (var offset in batch._highest.Values)
                    {
                        Fold(builder, offset);
                    }

                    break;
                default:
                    throw new ArgumentException($"Unknown committable {committable.GetType().Name}.", nameof(committables));
            }
        }

        return new CommittableOffsetBatch(builder.ToImmutable(), size);
    }

    /// <summary>This batch with <paramref name="committable"/> added.</summary>
    public CommittableOffsetBatch Updated(ICommittable committable) => Create([this, committable]);

    /// <inheritdoc />
    public Task CommitAsync()
    {
        if (_highest.IsEmpty)
        {
            return Task.CompletedTask;
        }

        var perConsumer = _highest.Values.GroupBy(o => o.Channel).ToList();
        return perConsumer.Count == 1
            ? perConsumer[0].Key.CommitAsync(perConsumer[0].ToList())
            : Task.WhenAll(perConsumer.Select(g => g.Key.CommitAsync(g.ToList())));
    }

    private static void Fold(ImmutableDictionary<ChannelPartition, CommittableOffset>.Builder builder, CommittableOffset offset)
    {
        var key = new ChannelPartition(offset.Channel, offset.Partition);
        if (!builder.TryGetValue(key, out var existing)
            || offset.AssignmentEpoch > existing.AssignmentEpoch
            || (offset.AssignmentEpoch == existing.AssignmentEpoch && offset.Offset > existing.Offset))
        {
            builder[key] = offset;
        }
    }

    private readonly record struct ChannelPartition(ICommitterChannel Channel, TopicPartition Partition);
}
