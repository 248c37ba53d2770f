using Confluent.Kafka;
using Confluent.Kafka.Admin;
using SignupEmail.Shared.Kafka;
using SignupEmail.Testing;

namespace SignupEmail.EmbeddedKafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class ClusterMetadataSpec(KafkaClusterFixture kafka)
{
    [Fact]
    public void Metadata_shows_three_brokers_and_both_signup_topics_with_three_replicated_partitions_on_distinct_leaders()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();

        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));

        Assert.Equal([1, 2, 3], metadata.Brokers.Select(b => b.BrokerId).Order());
        foreach (var name in SignupTopics.All)
        {
            var topic = Assert.Single(metadata.Topics, t => t.Topic == name);
            Assert.Equal(ErrorCode.NoError, topic.Error.Code);
            Assert.Equal(3, topic.Partitions.Count);
            Assert.All(topic.Partitions, p => Assert.Equal(3, p.Replicas.Length));
            Assert.All(topic.Partitions, p => Assert.Equal(3, p.Replicas.Distinct().Count()));
            Assert.Equal(3, topic.Partitions.Select(p => p.Leader).Distinct().Count());
        }
    }

    [Fact]
    public async Task DescribeCluster_answers_because_a_controller_is_set()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();

        var description = await admin.DescribeClusterAsync(new DescribeClusterOptions { RequestTimeout = TimeSpan.FromSeconds(10) });

        Assert.Equal(3, description.Nodes.Count);
        Assert.Equal(1, description.Controller?.Id);
    }

    [Fact]
    public void Bootstrap_servers_list_one_loopback_port_per_broker()
    {
        var endpoints = kafka.BootstrapServers.Split(',');

        Assert.Equal(3, endpoints.Length);
        Assert.All(endpoints, e => Assert.StartsWith("127.0.0.1:", e, StringComparison.Ordinal));
        Assert.Equal(3, endpoints.Distinct().Count());
    }
}
