using System.Diagnostics;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Consuming;

[Collection(KafkaCollection.Name)]
public sealed class SmtpOutageSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : PipelineSpecBase(kafka, output)
{
    [Fact]
    public async Task An_smtp_outage_of_ten_seconds_sends_nothing_to_the_dlt_and_every_email_is_delivered_after_recovery()
    {
        var port = Smtp.Port;
        await Smtp.DisposeAsync();
        var events = Enumerable.Range(0, 3).SelectMany(p => Enumerable.Range(0, 3).Select(n => (Partition: p, Event: Event(p, n)))).ToList();
        await ProduceAsync(events.Select(e => (e.Partition, (object)e.Event)));
        var delivery = Delivery();
        var options = Options();
        var breaker = Breaker(options);

        var pipeline = StartPipeline(delivery, options, breaker);
        await Eventually.TrueAsync(() => breaker.TimesOpened > 0, Patience, "the partitions' failures open the shared breaker");

        // The outage itself: ten seconds in which the server is unreachable.
        var outage = Stopwatch.StartNew();
        var attemptsAtOpen = delivery.Attempts;
        while (outage.Elapsed < TimeSpan.FromSeconds(10))
        {
            Assert.Empty(Smtp.Messages);
            await Task.Delay(200);
        }

        var attemptsDuringOutage = delivery.Attempts - attemptsAtOpen;
        Smtp = new TestSmtpServer(port);

        await Eventually.TrueAsync(() => Smtp.Messages.Count == 9, Patience, "every e-mail arrives once the server is back");
        await WaitForCommitsAsync(3, 3, 3, "every partition is committed after recovery");
        Assert.Empty(ReadDeadLetters());
        Assert.Equal(events.Select(e => MessageIdOf(e.Event)).Order(), Smtp.Messages.Select(m => m.MessageId).Order());
        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.True(pipeline.IsRunning);

        // With a 1 s reset timeout the open breaker lets about one probe a second through, for all
        // three partitions together; without it, three partitions retrying every 0.5 s would be ~60.
        Output?.WriteLine($"delivery attempts while the breaker was open: {attemptsDuringOutage}, times opened: {breaker.TimesOpened}");
        Assert.InRange(attemptsDuringOutage, 1, 25);
    }
}
