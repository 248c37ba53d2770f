using System.Diagnostics;
using SignupEmail.EmailNode.SendLog;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Consuming;

[Collection(KafkaCollection.Name)]
public sealed class DrainSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : PipelineSpecBase(kafka, output, "akka.kafka.committer { max-batch = 100000, max-interval = 60s }")
{
    [Fact]
    public async Task Draining_finishes_in_flight_records_commits_them_and_a_restarted_pipeline_does_not_resend_them()
    {
        const int perPartition = 30;
        var events = Enumerable.Range(0, 3).SelectMany(p => Enumerable.Range(0, perPartition).Select(n => (Partition: p, Event: Event(p, n)))).ToList();
        await ProduceAsync(events.Select(e => (e.Partition, (object)e.Event)));
        var delivery = Delivery();
        delivery.Delay = TimeSpan.FromMilliseconds(100);
        var pipeline = StartPipeline(delivery);
        await Eventually.TrueAsync(() => Smtp.Messages.Count >= 9, Patience, "sending is under way");

        // Hold the server's answer: the sends now under way are in flight when the drain starts.
        Smtp.Hold();
        await Eventually.TrueAsync(() => Smtp.InFlight > 0, Patience, "a send is in flight");
        var clock = Stopwatch.StartNew();
        var drained = pipeline.DrainAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(drained.IsCompleted, "the drain waits for the in-flight sends");
        Smtp.Open();
        await drained;
        clock.Stop();
        Assert.False(pipeline.IsRunning);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"draining took {clock.Elapsed}");

        // Everything sent was committed (the committer only commits on the drain here, its interval is a minute).
        var sent = await SendLog.ListAsync(SendStatus.Sent, 1000, CancellationToken.None);
        Assert.True(sent.Count < events.Count, "the drain came before the end");
        var committed = Committed();
        for (var p = 0; p < 3; p++)
        {
            var handled = sent.Where(e => e.Partition == p).Select(e => e.Offset!.Value).DefaultIfEmpty(-1).Max() + 1;
            Assert.Equal(handled == 0 ? -1001 : handled, committed[p]);
        }

        Assert.Equal(sent.Count, Smtp.Messages.Count);

        var restarted = Delivery();
        StartPipeline(restarted, system: NodeSystem("restarted"));
        await WaitForCommitsAsync(perPartition, perPartition, perPartition, "the restarted pipeline finishes the rest");
        Assert.Equal(events.Count - sent.Count, restarted.Attempts);
        Assert.Equal(events.Select(e => MessageIdOf(e.Event)).Order(), Smtp.Messages.Select(m => m.MessageId).Order());
    }
}
