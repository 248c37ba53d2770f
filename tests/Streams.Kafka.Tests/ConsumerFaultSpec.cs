using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class ConsumerFaultSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : ConsumerSpecBase(kafka.Cluster, output)
{
    [Fact]
    public async Task Consuming_through_a_broker_outage_and_leader_moves_loses_nothing()
    {
        const int chunk = 300;
        var topic = kafka.CreateUniqueTopic("faults");
        var group = KafkaClusterFixture.UniqueGroupId("faults");
        // The group's coordinator stays up: this test is about partition leaders going away.
        Cluster.SetGroupCoordinator(group, 1);
        var consumer = RunningConsumer.Start("A", ConsumerSettings(group, "A"), CommitterSettings(maxBatch: 50, maxIntervalMs: 100), topic, Materializer);
        await ProduceAsync(topic, 3, chunk);
        await Eventually.TrueAsync(() => consumer.Records.DistinctCount == 3 * chunk, Patience, "first chunk consumed");

        // Broker 2 (leader of partition 1) goes away while records keep coming, then returns.
        Cluster.SetBrokerDown(2);
        try
        {
            var producing = ProduceAsync(topic, 3, chunk, startAt: chunk);
            await Eventually.TrueAsync(() => consumer.Records.All.Count(r => r.Offset >= chunk && r.Partition != 1) >= 2 * chunk, Patience, "the other partitions keep flowing during the outage");
            Cluster.SetBrokerUp(2);
            await producing;
        }
        finally
        {
            Cluster.SetBrokerUp(2);
        }

        // Leaders move while consuming.
        Cluster.SetPartitionLeader(topic, 0, 3);
        Cluster.SetPartitionLeader(topic, 1, 1);
        Cluster.SetPartitionLeader(topic, 2, 2);
        await ProduceAsync(topic, 3, chunk, startAt: 2 * chunk);

        var all = Enumerable.Range(0, 3).SelectMany(p => Enumerable.Range(0, 3 * chunk).Select(o => (p, (long)o))).ToHashSet();
        await Eventually.TrueAsync(() => all.IsSubsetOf(consumer.Records.Distinct()), Patience, "every record is consumed");
        Assert.All(consumer.SubStreams, s => Assert.Null(s.Failure));
        await consumer.Control.DrainAndShutdown().WaitAsync(Patience);
        Assert.All(Committed(group, topic, 3).Values, offset => Assert.Equal(3 * chunk, offset));
    }
}
