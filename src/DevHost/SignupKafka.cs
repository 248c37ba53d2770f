using SignupEmail.EmbeddedKafka;
using SignupEmail.Shared.Kafka;

namespace SignupEmail.DevHost;

/// <summary>The embedded Kafka cluster with the signup topics, as both launcher modes start it.</summary>
internal static class SignupKafka
{
    /// <summary>Starts <paramref name="brokers"/> brokers and creates the signup topics on them.</summary>
    public static EmbeddedKafkaCluster Start(int brokers)
    {
        var cluster = EmbeddedKafkaCluster.Start(brokers);
        try
        {
            foreach (var topic in SignupTopics.All)
            {
                cluster.CreateTopic(topic, SignupTopics.Partitions, ReplicationFactor(brokers));
            }

            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>One line saying what runs, for the console.</summary>
    public static string Describe(int brokers) =>
        $"Embedded Kafka: {brokers} brokers; topics {string.Join(", ", SignupTopics.All)} " +
        $"({SignupTopics.Partitions} partitions, replication factor {ReplicationFactor(brokers)}).";

    private static int ReplicationFactor(int brokers) => Math.Min(SignupTopics.ReplicationFactor, brokers);
}
