using Confluent.Kafka;
using Confluent.Kafka.Admin;
using SignupEmail.EmailNode.Consuming;

namespace SignupEmail.EmailNode.Admin;

/// <summary>
/// Reads the group's committed offsets and the high watermarks from Kafka, fresh, with a short-lived
/// admin client: the one way the node measures lag. Not through the pipeline's consumer: its calls
/// run on the consumer's poll thread, where a lag read waits behind (and holds up) fetching, commits
/// and the drain, each of its requests may wait a commit-timeout when Kafka is gone, and it only
/// knows the partitions assigned to this node.
/// </summary>
/// <param name="options">Brokers, topic, group and client properties.</param>
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

        var admin = ShortLivedAdminClient.Open(options);
        try
        {
            return await ReadAsync(admin, partitions, timeout, cancellationToken);
        }
        finally
        {
            ShortLivedAdminClient.Release(admin);
        }
    }

    /// <summary>
    /// Progress of every partition of the signup topic, whoever owns it (none when the topic does not
    /// exist); every Kafka request gives up after <paramref name="timeout"/>.
    /// </summary>
    public async Task<ConsumerLag> ReadTopicAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var admin = ShortLivedAdminClient.Open(options);
        try
        {
            // Metadata for all topics, never by name: naming an unknown topic creates it on some brokers.
            var metadata = await Task.Run(() => admin.GetMetadata(timeout), CancellationToken.None).WaitAsync(cancellationToken);
            var partitions = metadata.Topics
                .Where(t => t.Topic == options.Topic)
                .SelectMany(t => t.Partitions)
                .Select(p => new TopicPartition(options.Topic, p.PartitionId))
                .ToList();
            return partitions.Count == 0
                ? new ConsumerLag([], time.GetUtcNow())
                : await ReadAsync(admin, partitions, timeout, cancellationToken);
        }
        finally
        {
            ShortLivedAdminClient.Release(admin);
        }
    }

    private async Task<ConsumerLag> ReadAsync(
        IAdminClient admin, IReadOnlyCollection<TopicPartition> partitions, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Partitions named explicitly: without them the mock cluster answers with none (KAFKA-MOCK.md).
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
}
