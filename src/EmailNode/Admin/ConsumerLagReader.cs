using Confluent.Kafka;
using Confluent.Kafka.Admin;
using SignupEmail.EmailNode.Consuming;

namespace SignupEmail.EmailNode.Admin;

/// <summary>
/// Reads the group's committed offsets and the high watermarks from Kafka, fresh, with a short-lived
/// admin client. Not through the pipeline's consumer: its calls run on the consumer's poll thread,
/// where a lag read waits behind (and holds up) fetching, commits and the drain, and each of its
/// requests may wait a commit-timeout when Kafka is gone.
/// </summary>
/// <param name="options">Brokers, group and client properties.</param>
/// <param name="time">The clock that stamps the figures.</param>
public sealed class ConsumerLagReader(ConsumingOptions options, TimeProvider time)
{
    /// <summary>Progress of <paramref name="partitions"/>; every Kafka request gives up after <paramref name="timeout"/>.</summary>
    public async Task<ConsumerLag> ReadAsync(IReadOnlyCollection<TopicPartition> partitions, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        if (partitions.Count == 0)
        {
            return new ConsumerLag([], time.GetUtcNow());
        }

        var admin = new AdminClientBuilder(Config()).SetLogHandler((_, _) => { }).Build();
        try
        {
            var committed = admin.ListConsumerGroupOffsetsAsync(
                [new ConsumerGroupTopicPartitions(options.GroupId, [.. partitions])],
                new ListConsumerGroupOffsetsOptions { RequestTimeout = timeout });
            var latest = admin.ListOffsetsAsync(
                partitions.Select(p => new TopicPartitionOffsetSpec { TopicPartition = p, OffsetSpec = OffsetSpec.Latest() }),
                new ListOffsetsOptions { RequestTimeout = timeout });
            await Task.WhenAll(committed, latest).WaitAsync(cancellationToken);

            var readAt = time.GetUtcNow();
            var offsets = (await committed).Single().Partitions.ToDictionary(p => p.TopicPartition, p => p.Offset);
            var progress = (await latest).ResultInfos
                .Select(info => info.TopicPartitionOffsetError)
                .Select(high => new PartitionProgress(
                    high.TopicPartition,
                    high.Offset.Value,
                    offsets.TryGetValue(high.TopicPartition, out var offset) && offset != Offset.Unset ? offset.Value : null))
                .OrderBy(p => p.Partition.Topic, StringComparer.Ordinal)
                .ThenBy(p => p.Partition.Partition.Value)
                .ToList();
            return new ConsumerLag(progress, readAt);
        }
        finally
        {
            // Destroying a client waits for its outstanding requests; a timed-out answer must not.
            _ = Task.Run(admin.Dispose, CancellationToken.None);
        }
    }

    private AdminClientConfig Config() =>
        new(options.KafkaProperties
            .Where(p => !EmailPipeline.IsConsumerOnly(p.Key))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal))
        {
            BootstrapServers = options.BootstrapServers,
        };
}
