using SignupEmail.EmailNode.DeadLetters;
using SignupEmail.EmailNode.Delivery;
using SignupEmail.EmailNode.SendLog;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Consuming;

[Collection(KafkaCollection.Name)]
public sealed class ReplaySpec(KafkaClusterFixture kafka, ITestOutputHelper output) : PipelineSpecBase(kafka, output)
{
    [Fact]
    public async Task A_record_dead_lettered_by_a_permanent_failure_is_replayed_after_the_fix_and_sends_exactly_one_email()
    {
        var broken = Event(2, 0);
        var fine = Event(2, 1);
        var delivery = Delivery();
        delivery.Failing[broken.EventId] = new MailDeliveryException("550 5.1.1 relay misconfigured", DeliveryFailureKind.Permanent, 550, null);
        await ProduceAsync((2, broken), (2, fine));
        var options = Options();
        var pipeline = StartPipeline(delivery, options);

        await WaitForCommitsAsync(-1001, -1001, 2, "both records are done, one of them dead-lettered");
        var dead = Assert.Single(ReadDeadLetters());
        Assert.Equal(SendStatus.DeadLettered, (await SendLog.FindAsync(broken.EventId, CancellationToken.None))!.Status);
        Assert.Equal(MessageIdOf(fine), Assert.Single(Smtp.Messages).MessageId);

        // The cause is fixed; the operator replays that one record (by partition and offset range).
        delivery.Failing.Clear();
        var topic = new DeadLetterTopic(options);
        var listed = Assert.Single((await topic.ListAsync(new DeadLetterSelection(All: true), 10, after: null, CancellationToken.None)).Items);
        Assert.Equal(broken.EventId.ToString("D"), listed.EventId);
        Assert.Equal(dead.Offset.Value, listed.Offset);
        Assert.Equal(1, await topic.ReplayAsync(new DeadLetterSelection(false, 2, listed.Offset, listed.Offset), CancellationToken.None));

        await WaitForCommitsAsync(-1001, -1001, 3, "the replayed record is consumed");
        await Eventually.TrueAsync(() => Smtp.Messages.Count == 2, Patience, "the replayed record's e-mail arrives");
        Assert.Equal(SendStatus.Sent, (await SendLog.FindAsync(broken.EventId, CancellationToken.None))!.Status);

        // Replaying again (everything, by mistake) sends nothing more: the send log knows it was sent.
        Assert.Equal(1, await topic.ReplayAsync(new DeadLetterSelection(All: true), CancellationToken.None));
        await WaitForCommitsAsync(-1001, -1001, 4, "the second replay is consumed");
        Assert.Equal(2, Smtp.Messages.Count);
        Assert.Single(Smtp.Messages, m => m.MessageId == MessageIdOf(broken));
        Assert.Single(ReadDeadLetters());
        Assert.True(pipeline.IsRunning);
    }
}
