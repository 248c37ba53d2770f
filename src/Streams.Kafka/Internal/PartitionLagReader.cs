using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Messages;

namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>
/// Reads committed offset, position and high watermark of every assigned partition (poll thread:
/// it calls the consumer, and asks the brokers for the committed offsets and watermarks).
/// </summary>
internal static class PartitionLagReader
{
    public static IReadOnlyList<PartitionLag> Read<TKey, TValue>(IConsumer<TKey, TValue> consumer, ConsumerAssignment<TKey, TValue> assignment, TimeSpan timeout)
    {
        var assigned = assignment.Partitions.ToList();
        if (assigned.Count == 0)
        {
            return [];
        }

        var committed = consumer.Committed(assigned, timeout).ToDictionary(c => c.TopicPartition, c => c.Offset);
        var result = new List<PartitionLag>(assigned.Count);
        foreach (var partition in assigned)
        {
            var watermarks = consumer.QueryWatermarkOffsets(partition, timeout);
            // librdkafka forgets the position after a seek until the next record arrives (the resume
            // path seeks); the buffer knows the next offset it will add.
            var position = consumer.Position(partition);
            var nextBuffered = assignment.NextOffset(partition);
            long? next = position != Offset.Unset ? position.Value
                : nextBuffered >= 0 ? nextBuffered
                : null;
            result.Add(new PartitionLag(
                partition,
                watermarks.High.Value,
                committed.TryGetValue(partition, out var c) && c != Offset.Unset ? c.Value : null,
                next));
        }

        return result;
    }
}
