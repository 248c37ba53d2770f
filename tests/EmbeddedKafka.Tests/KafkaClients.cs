using Confluent.Kafka;

namespace SignupEmail.EmbeddedKafka.Tests;

/// <summary>Plain Confluent.Kafka clients: these tests check the cluster, not our own stages.</summary>
internal static class KafkaClients
{
    public static IProducer<string, string> IdempotentProducer(string bootstrapServers) =>
        new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            CompressionType = CompressionType.Lz4,
            LingerMs = 5,
        }).Build();

    /// <summary>Reads <paramref name="expected"/> records from the start of a topic with a fresh group, or fails at the deadline.</summary>
    public static Task<List<ConsumeResult<string, string>>> ConsumeAsync(
        string bootstrapServers, string topic, int expected, TimeSpan timeout) =>
        Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                GroupId = $"test-reader-{Guid.NewGuid():N}",
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoCommit = false,
            }).Build();
            consumer.Subscribe(topic);

            var received = new List<ConsumeResult<string, string>>(expected);
            var deadline = DateTime.UtcNow + timeout;
            while (received.Count < expected)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Consumed {received.Count} of {expected} records from {topic} within {timeout}.");
                }

                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } result)
                {
                    received.Add(result);
                }
            }

            // Anything beyond the expected count would be a duplicate: give it a moment to show up.
            var extra = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (extra is not null)
            {
                received.Add(extra);
            }

            consumer.Close();
            return received;
        });
}
