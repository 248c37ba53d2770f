using SignupEmail.EmailNode.DeadLetters;
using SignupEmail.EmailNode.Delivery;
using SignupEmail.EmailNode.SendLog;
using SignupEmail.Shared.Contracts;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Consuming;

/// <summary>
/// Several deliveries in flight per partition (<c>Email:Kafka:MaxInFlightPerPartition</c>): a user's
/// e-mails still go one after another in order, offsets are committed only in order and only once
/// delivered and logged, a redelivered event is sent once, and one failing e-mail in the batch
/// holds back the commits but not the other sends.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class PipelinedDeliverySpec(KafkaClusterFixture kafka, ITestOutputHelper output) : PipelineSpecBase(kafka, output)
{
    [Fact]
    public async Task A_partition_sends_several_emails_at_once_but_each_users_emails_one_after_another_in_order()
    {
        // Four users with three events each, interleaved on one partition.
        var users = Enumerable.Range(0, 4).Select(u => $"user-{u}-{Guid.NewGuid():N}").ToList();
        var events = Enumerable.Range(0, 3).SelectMany(n => users.Select(user => EventOf(user, n))).ToList();
        await ProduceAsync(events.Select(e => (0, (object)e)));
        var delivery = Delivery();
        delivery.Delay = TimeSpan.FromMilliseconds(150);

        // Room for all twelve at once: only the per-user order may hold any of them back.
        StartPipeline(delivery, Options(o => o with { MaxInFlightPerPartition = 12 }));

        await WaitForCommitsAsync(events.Count, -1001, -1001, "the partition is committed to its end");
        Assert.Equal(events.Count, Smtp.Messages.Count);
        Assert.True(delivery.MaxInFlight > 1, $"deliveries of one partition overlapped (at most {delivery.MaxInFlight} at once)");
        Assert.True(delivery.MaxInFlight <= users.Count, $"at most one e-mail per user at once, saw {delivery.MaxInFlight}");
        var timeline = delivery.Timeline.ToList();
        foreach (var user in users)
        {
            // Start, end, start, end...: never two of a user's e-mails at once, and in produced order.
            var expected = events.Where(e => e.UserId == user).SelectMany(e => new[] { (e.EventId, true), (e.EventId, false) });
            var actual = timeline.Where(t => events.Single(e => e.EventId == t.EventId).UserId == user);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task A_redelivered_event_right_behind_its_twin_is_sent_once()
    {
        var first = Event(0, 0);
        var twinOf = Event(0, 1);
        var others = Enumerable.Range(2, 4).Select(n => Event(0, n)).ToList();
        // The same event twice in a row (a producer retry), between unrelated ones.
        await ProduceAsync([(0, first), (0, twinOf), (0, twinOf), .. others.Select(e => (0, (object)e))]);
        var delivery = Delivery();
        delivery.Delay = TimeSpan.FromMilliseconds(100);

        StartPipeline(delivery, Options(o => o with { MaxInFlightPerPartition = 8 }));

        await WaitForCommitsAsync(7, -1001, -1001, "the partition is committed to its end");
        Assert.Equal(
            new[] { first, twinOf }.Concat(others).Select(MessageIdOf).Order(),
            Smtp.Messages.Select(m => m.MessageId).Order());
        Assert.Equal(6, delivery.Attempts);
    }

    [Fact]
    public async Task A_failing_email_in_a_pipelined_batch_holds_back_the_commit_but_not_the_other_sends_and_nothing_is_sent_twice()
    {
        var events = Enumerable.Range(0, 8).Select(n => Event(0, n)).ToList();
        var failing = events[2];
        await ProduceAsync(events.Select(e => (0, (object)e)));
        var delivery = Delivery();
        delivery.Failing[failing.EventId] = new MailDeliveryException("SMTP server is unreachable (test)");
        // A breaker that stays closed: this test is about the partition, not about the breaker.
        var options = Options(o => o with { MaxInFlightPerPartition = 8, CircuitBreaker = new() { MaxFailures = 1_000, ResetTimeout = TimeSpan.FromSeconds(1) } });

        StartPipeline(delivery, options);

        await Eventually.TrueAsync(() => Smtp.Messages.Count == 7, Patience, "every e-mail but the failing one is sent meanwhile");
        await WaitForCommitsAsync(2, -1001, -1001, "the commit stops right below the failing record");
        var failingAttempts = delivery.Attempts;
        await Eventually.TrueAsync(() => delivery.Attempts > failingAttempts + 1, Patience, "the failing e-mail is being retried");
        Assert.Equal(2, Committed()[0]);
        Assert.Null(await SendLog.FindAsync(failing.EventId, CancellationToken.None));

        delivery.Failing.Clear();

        await WaitForCommitsAsync(8, -1001, -1001, "once it goes through, the partition is committed to its end");
        Assert.Equal(events.Select(MessageIdOf).Order(), Smtp.Messages.Select(m => m.MessageId).Order());
        foreach (var @event in events)
        {
            Assert.Equal(SendStatus.Sent, (await SendLog.FindAsync(@event.EventId, CancellationToken.None))?.Status);
        }

        Assert.Empty(ReadDeadLetters());
    }

    [Fact]
    public async Task A_permanently_refused_email_in_a_pipelined_batch_is_dead_lettered_and_the_rest_are_sent_and_committed()
    {
        var events = Enumerable.Range(0, 6).Select(n => Event(0, n, email: n == 3 ? "reject.me@example.com" : null)).ToList();
        await ProduceAsync(events.Select(e => (0, (object)e)));
        var delivery = Delivery();
        delivery.Delay = TimeSpan.FromMilliseconds(50);

        StartPipeline(delivery, Options(o => o with { MaxInFlightPerPartition = 8 }));

        await WaitForCommitsAsync(6, -1001, -1001, "the partition is committed past the refused e-mail");
        Assert.Equal(events.Where((_, n) => n != 3).Select(MessageIdOf).Order(), Smtp.Messages.Select(m => m.MessageId).Order());
        var dead = Assert.Single(ReadDeadLetters());
        Assert.Equal(3, Long(Header(dead, DeadLetterHeaders.OriginalOffset)));
        Assert.Equal(SendStatus.DeadLettered, (await SendLog.FindAsync(events[3].EventId, CancellationToken.None))?.Status);
    }

    private static UserSignedUp EventOf(string userId, int n) =>
        new(Guid.NewGuid(), userId, $"{userId}.{n}@example.com", "Alice", "en", DateTimeOffset.UtcNow);
}
