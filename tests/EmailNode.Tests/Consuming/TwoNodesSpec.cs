using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Consuming;

[Collection(KafkaCollection.Name)]
public sealed class TwoNodesSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : PipelineSpecBase(kafka, output)
{
    [Fact]
    public async Task Two_nodes_share_the_partitions_and_when_one_crashes_mid_stream_every_email_is_still_delivered_exactly_once()
    {
        const int perPartition = 60;
        var events = Enumerable.Range(0, 3).SelectMany(p => Enumerable.Range(0, perPartition).Select(n => (Partition: p, Event: Event(p, n)))).ToList();
        await ProduceAsync(events.Select(e => (e.Partition, (object)e.Event)));

        // Node A sends slowly, so it is still mid-stream when it goes even if B joins a whole
        // rebalance after it (about session.timeout.ms, 6 s: at most ~72 of A's 180 records by then).
        var deliveryA = Delivery();
        var deliveryB = Delivery();
        deliveryA.Delay = TimeSpan.FromMilliseconds(250);
        deliveryB.Delay = TimeSpan.FromMilliseconds(40);
        var a = StartPipeline(deliveryA);
        var b = StartPipeline(deliveryB, system: NodeSystem("node-b"));
        await Eventually.TrueAsync(
            () => a.AssignedPartitions.Count > 0 && b.AssignedPartitions.Count > 0 && a.AssignedPartitions.Count + b.AssignedPartitions.Count == 3,
            Patience,
            "the two nodes share the 3 partitions");
        await Eventually.TrueAsync(() => deliveryA.Attempts >= 5 && deliveryB.Attempts >= 5, Patience, "both nodes are sending");

        await a.AbortAsync();
        var sentByA = deliveryA.Attempts;
        Assert.True(Smtp.Messages.Count < events.Count, "node A went down before everything was sent");

        await Eventually.TrueAsync(() => b.AssignedPartitions.Count == 3, Patience, "node B takes over A's partitions");
        await WaitForCommitsAsync(perPartition, perPartition, perPartition, "node B finishes every partition");

        var messageIds = Smtp.Messages.Select(m => m.MessageId).ToList();
        Assert.Equal(events.Count, messageIds.Count);
        Assert.Equal(events.Select(e => MessageIdOf(e.Event)).Order(), messageIds.Order());
        Assert.Equal(sentByA, deliveryA.Attempts);
        Assert.Empty(ReadDeadLetters());
    }
}
