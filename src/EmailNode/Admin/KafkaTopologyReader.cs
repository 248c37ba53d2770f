using Confluent.Kafka;
using Confluent.Kafka.Admin;
using SignupEmail.EmailNode.Consuming;

namespace SignupEmail.EmailNode.Admin;

/// <summary>
/// Reads the cluster's brokers, its controller and where the signup topic's and the dead-letter
/// topic's partitions live, fresh from Kafka, with a short-lived admin client.
/// </summary>
/// <param name="options">Brokers, topics and client properties.</param>
public sealed class KafkaTopologyReader(ConsumingOptions options)
{
    /// <summary>The topology now; every Kafka request gives up after <paramref name="timeout"/>.</summary>
    public async Task<KafkaTopology> ReadAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var admin = ShortLivedAdminClient.Open(options);
        try
        {
            var cluster = admin.DescribeClusterAsync(new DescribeClusterOptions { RequestTimeout = timeout });

            // Metadata for all topics, never by name: naming an unknown topic creates it on some brokers.
            var metadata = Task.Run(() => admin.GetMetadata(timeout), CancellationToken.None);
            await Task.WhenAll(cluster, metadata).WaitAsync(cancellationToken);

            var described = await cluster;
            var topics = (await metadata).Topics.ToDictionary(t => t.Topic, StringComparer.Ordinal);
            return new KafkaTopology(
                described.Nodes.Select(n => new KafkaBroker(n.Id, n.Host, n.Port)).OrderBy(b => b.Id).ToList(),
                described.Controller?.Id,
                [Placement(topics, options.Topic), Placement(topics, options.DeadLetterTopic)]);
        }
        finally
        {
            ShortLivedAdminClient.Release(admin);
        }
    }

    private static KafkaTopicPlacement Placement(Dictionary<string, TopicMetadata> topics, string name) =>
        new(
            name,
            topics.TryGetValue(name, out var topic)
                ? topic.Partitions
                    .OrderBy(p => p.PartitionId)
                    .Select(p => new KafkaPartitionPlacement(p.PartitionId, p.Leader, [.. p.Replicas], [.. p.InSyncReplicas]))
                    .ToList()
                : []);
}
