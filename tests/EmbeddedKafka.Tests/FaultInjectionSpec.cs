using System.Diagnostics;
using Confluent.Kafka;
using SignupEmail.Testing;

namespace SignupEmail.EmbeddedKafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class FaultInjectionSpec(KafkaClusterFixture kafka)
{
    [Fact]
    public async Task Moving_a_partition_leader_shows_in_metadata_and_the_partition_stays_writable()
    {
        var topic = kafka.CreateUniqueTopic("leader-move");
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        var before = LeaderOf(admin, topic, 0);
        var target = before % 3 + 1;

        kafka.Cluster.SetPartitionLeader(topic, 0, target);

        Assert.Equal(target, LeaderOf(admin, topic, 0));
        using var producer = KafkaClients.IdempotentProducer(kafka.BootstrapServers);
        var result = await producer.ProduceAsync(new TopicPartition(topic, 0), new Message<string, string> { Key = "k", Value = "v" });
        Assert.Equal(PersistenceStatus.Persisted, result.Status);
    }

    [Fact]
    public async Task Injected_retriable_produce_errors_are_seen_by_the_broker_and_retried_without_loss()
    {
        var topic = kafka.CreateUniqueTopic("request-errors", partitions: 1);
        using var producer = KafkaClients.IdempotentProducer(kafka.BootstrapServers);
        await producer.ProduceAsync(topic, new Message<string, string> { Key = "warm-up", Value = "v" });

        kafka.Cluster.StartRequestTracking();
        kafka.Cluster.ClearRequests();
        kafka.Cluster.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.NotEnoughReplicas, ErrorCode.NotEnoughReplicas);
        var result = await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v" });
        var produceRequests = kafka.Cluster.GetRequests().Count(r => r.ApiKey == KafkaApiKey.Produce);
        kafka.Cluster.StopRequestTracking();

        Assert.Equal(PersistenceStatus.Persisted, result.Status);
        Assert.True(produceRequests >= 3, $"two failed attempts and one success expected, saw {produceRequests} Produce requests");
        var received = await KafkaClients.ConsumeAsync(kafka.BootstrapServers, topic, 2, TimeSpan.FromSeconds(30));
        Assert.Equal(["warm-up", "k"], received.Select(r => r.Message.Key));
    }

    [Fact]
    public async Task Broker_latency_delays_acknowledgements_by_at_least_the_injected_amount()
    {
        var topic = kafka.CreateUniqueTopic("latency", partitions: 1, replicationFactor: 1);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        var leader = LeaderOf(admin, topic, 0);
        using var producer = KafkaClients.IdempotentProducer(kafka.BootstrapServers);
        await producer.ProduceAsync(topic, new Message<string, string> { Key = "warm-up", Value = "v" });

        kafka.Cluster.SetBrokerLatency(leader, TimeSpan.FromMilliseconds(400));
        try
        {
            var clock = Stopwatch.StartNew();
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v" });
            Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(390), $"acknowledged after {clock.ElapsedMilliseconds} ms");
        }
        finally
        {
            kafka.Cluster.SetBrokerLatency(leader, TimeSpan.Zero);
        }
    }

    [Fact]
    public void Broker_ids_outside_the_cluster_are_rejected_with_the_valid_range()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => kafka.Cluster.SetBrokerDown(4));

        Assert.Contains("1 to 3", error.Message, StringComparison.Ordinal);
    }

    private static int LeaderOf(IAdminClient admin, string topic, int partition) =>
        admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Single(p => p.PartitionId == partition).Leader;
}
