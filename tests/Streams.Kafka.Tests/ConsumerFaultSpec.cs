using Akka.Streams.TestKit;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class ConsumerFaultSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : ConsumerSpecBase(kafka.Cluster, output)
{
    private readonly HashSet<(int Partition, long Offset)> _seen = [];
    private readonly List<CommittableMessage<string, string>> _taken = [];

    [Fact]
    public async Task Consuming_through_a_broker_outage_and_leader_moves_loses_nothing()
    {
        const int chunk = 300;
        var topic = kafka.CreateUniqueTopic("faults");
        var group = KafkaClusterFixture.UniqueGroupId("faults");
        // The group's coordinator stays up: this test is about partition leaders going away.
        Cluster.SetGroupCoordinator(group, 1);
        var (control, messages) = ConsumeIntoProbe(ConsumerSettings(group, "A"), topic);
        messages.Request(long.MaxValue);
        await ProduceAsync(topic, 3, chunk);
        await TakeUntilAsync(messages, () => _seen.Count == 3 * chunk);
        await CommitAsync(_taken);

        // Broker 2 (leader of partition 1) goes away while records keep coming, then returns.
        Cluster.SetBrokerDown(2);
        try
        {
            var producing = ProduceAsync(topic, 3, chunk, startAt: chunk);
            await TakeUntilAsync(messages, () => _seen.Count(r => r.Offset >= chunk && r.Partition != 1) == 2 * chunk);
            await CommitAsync(_taken);
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

        await TakeUntilAsync(messages, () => _seen.Count == 3 * 3 * chunk);
        await CommitAsync(_taken);
        messages.Cancel();
        await control.IsShutdown.WaitAsync(Patience);
        Assert.All(Committed(group, topic, 3).Values, offset => Assert.Equal(3 * chunk, offset));
    }

    // Takes records (each within Patience, failing on a stream error) until done() holds.
    private async Task TakeUntilAsync(TestSubscriber.Probe<CommittableMessage<string, string>> messages, Func<bool> done)
    {
        while (!done())
        {
            var message = await messages.ExpectNextAsync(Patience);
            _taken.Add(message);
            _seen.Add((message.Record.Partition.Value, message.Record.Offset.Value));
        }
    }
}
