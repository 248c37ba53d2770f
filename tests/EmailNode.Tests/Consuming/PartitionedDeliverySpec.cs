using SignupEmail.EmailNode.Admin;
using SignupEmail.EmailNode.SendLog;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Consuming;

[Collection(KafkaCollection.Name)]
public sealed class PartitionedDeliverySpec(KafkaClusterFixture kafka, ITestOutputHelper output) : PipelineSpecBase(kafka, output)
{
    [Fact]
    public async Task Three_partitions_get_three_sub_streams_and_every_email_reaches_its_recipient_once_and_is_committed()
    {
        var events = Enumerable.Range(0, 3).SelectMany(p => Enumerable.Range(0, 10).Select(n => (Partition: p, Event: Event(p, n)))).ToList();
        await ProduceAsync(events.Select(e => (e.Partition, (object)e.Event)));

        var pipeline = StartPipeline(Delivery());

        await Eventually.TrueAsync(() => pipeline.AssignedPartitions.Count == 3, Patience, "the only node gets all 3 partitions");
        await Eventually.TrueAsync(() => Smtp.Messages.Count == 30, Patience, "all 30 e-mails arrive");
        await WaitForCommitsAsync(10, 10, 10, "every partition is committed to its end");

        var byMessageId = Smtp.Messages.ToDictionary(m => m.MessageId!);
        foreach (var (partition, @event) in events)
        {
            var message = byMessageId[MessageIdOf(@event)];
            Assert.Equal(@event.Email, Assert.Single(message.To.Mailboxes).Address);
            var entry = await SendLog.FindAsync(@event.EventId, CancellationToken.None);
            Assert.NotNull(entry);
            Assert.Equal(SendStatus.Sent, entry.Status);
            Assert.Equal(partition, entry.Partition);
        }

        // Each partition was handled by its own sub-stream, in offset order.
        var sent = await SendLog.ListAsync(SendStatus.Sent, 100, CancellationToken.None);
        Assert.Equal([0, 1, 2], sent.Select(e => e.Partition!.Value).Distinct().Order());
        Assert.True(pipeline.IsRunning);
        Assert.Empty(ReadDeadLetters());
        var lag = await new ConsumerLagReader(Options(), TimeProvider.System).ReadTopicAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal(3, lag.Partitions.Count);
        Assert.Equal(0, lag.TotalLag);
    }
}
