using SignupEmail.EmbeddedKafka;
using SignupEmail.Shared.Kafka;

namespace SignupEmail.Testing;

/// <summary>
/// One embedded 3-broker cluster for a test collection, with the two signup topics already made.
/// Tests that change data or inject faults create their own topics and group ids through
/// <see cref="CreateUniqueTopic"/> and <see cref="UniqueGroupId"/> so they never see each other.
/// </summary>
public sealed class KafkaClusterFixture : IDisposable
{
    public KafkaClusterFixture()
    {
        // Short first-rebalance delay: the default 3 s would dominate every consumer test.
        Cluster = EmbeddedKafkaCluster.Start(brokerCount: 3, initialRebalanceDelay: TimeSpan.FromMilliseconds(200));
        foreach (var topic in SignupTopics.All)
        {
            Cluster.CreateTopic(topic, SignupTopics.Partitions, SignupTopics.ReplicationFactor);
        }
    }

    public EmbeddedKafkaCluster Cluster { get; }

    public string BootstrapServers => Cluster.BootstrapServers;

    /// <summary>Makes a new topic with a unique name (and leaders spread over the brokers).</summary>
    public string CreateUniqueTopic(string purpose, int partitions = 3, int replicationFactor = 3)
    {
        var topic = $"test.{purpose}.{Guid.NewGuid():N}";
        Cluster.CreateTopic(topic, partitions, replicationFactor);
        return topic;
    }

    /// <summary>A consumer group id no other test uses.</summary>
    public static string UniqueGroupId(string purpose) => $"test-{purpose}-{Guid.NewGuid():N}";

    public void Dispose() => Cluster.Dispose();
}
