using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Consuming;

/// <summary>The committer holds its batch for a minute here, so a crash always comes before the commit.</summary>
[Collection(KafkaCollection.Name)]
public sealed class RedeliverySpec(KafkaClusterFixture kafka, ITestOutputHelper output)
    : PipelineSpecBase(kafka, output, "akka.kafka.committer { max-batch = 100000, max-interval = 60s }")
{
    [Fact]
    public async Task Records_redelivered_after_a_crash_before_the_commit_send_no_second_email()
    {
        var events = Enumerable.Range(0, 3).SelectMany(p => Enumerable.Range(0, 4).Select(n => (Partition: p, Event: Event(p, n)))).ToList();
        await ProduceAsync(events.Select(e => (e.Partition, (object)e.Event)));

        var first = StartPipeline(Delivery());
        await Eventually.TrueAsync(() => Smtp.Messages.Count == 12, Patience, "the first run sends every e-mail");
        await first.AbortAsync();
        Assert.All(Committed().Values, offset => Assert.Equal(-1001, offset));

        // The next run (a node with the usual commit interval) gets every record again; the send log turns each into a skip.
        var delivery = Delivery();
        StartPipeline(delivery, system: NodeSystem("second-run"));
        await WaitForCommitsAsync(4, 4, 4, "the second run committed everything it skipped");

        Assert.Equal(0, delivery.Attempts);
        Assert.Equal(12, Smtp.Messages.Count);
        Assert.Equal(12, Smtp.Messages.Select(m => m.MessageId).Distinct().Count());
    }
}
