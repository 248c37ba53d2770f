using Confluent.Kafka;

namespace SignupEmail.Streams.Kafka.Tests;

/// <summary>Reads back what the producer tests wrote, with a plain Confluent consumer and no group.</summary>
internal static class ProducerTopicReader
{
    public sealed record StoredRecord(int Partition, long Offset, string Key, string Value);

    /// <summary>Sum of the high watermarks of <paramref name="partitions"/> partitions: how many records the topic holds.</summary>
    public static long CountRecords(string bootstrapServers, string topic, int partitions)
    {
        using var consumer = NewConsumer(bootstrapServers);
        long total = 0;
        for (var p = 0; p < partitions; p++)
        {
            var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10));
            total += watermarks.High - watermarks.Low;
        }

        return total;
    }

    /// <summary>Every record of the topic, read from the beginning of each partition up to its high watermark.</summary>
    public static IReadOnlyList<StoredRecord> ReadAll(string bootstrapServers, string topic, int partitions, TimeSpan timeout)
    {
        using var consumer = NewConsumer(bootstrapServers);
        var ends = new Dictionary<int, long>();
        for (var p = 0; p < partitions; p++)
        {
            ends[p] = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High;
        }

        consumer.Assign(ends.Where(e => e.Value > 0).Select(e => new TopicPartitionOffset(topic, e.Key, Offset.Beginning)));
        var expected = ends.Values.Sum();
        var records = new List<StoredRecord>();
        var deadline = DateTime.UtcNow + timeout;
        while (records.Count < expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Read {records.Count} of {expected} records of {topic} within {timeout}.");
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is { IsPartitionEOF: false, Message: not null })
            {
                records.Add(new StoredRecord(result.Partition.Value, result.Offset.Value, result.Message.Key, result.Message.Value));
            }
        }

        return records;
    }

    private static IConsumer<string, string> NewConsumer(string bootstrapServers) =>
        new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "unused-reader",
            EnableAutoCommit = false,
            AllowAutoCreateTopics = false,
        }).Build();
}
