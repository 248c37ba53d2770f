using Microsoft.Extensions.Logging.Abstractions;
using SignupEmail.EmailNode.DeadLetters;
using SignupEmail.EmailNode.Delivery;
using SignupEmail.Testing;

namespace SignupEmail.EmailNode.Tests;

public sealed class SmtpMailDeliverySpec : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TestSmtpServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private SmtpMailDelivery Delivery(int maxConnections = 4, int? port = null, TimeProvider? time = null) => new(
        new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = port ?? _server.Port,
            TlsMode = SmtpTlsMode.None,
            MaxConnections = maxConnections,
            Timeout = TimeSpan.FromSeconds(10),
            IdleTimeout = TimeSpan.FromSeconds(20),
        },
        time ?? TimeProvider.System,
        NullLogger<SmtpMailDelivery>.Instance);

    [Fact]
    public async Task A_korean_welcome_arrives_intact_with_both_parts_and_its_message_id()
    {
        var @event = TestEvents.Korean();
        var mail = Renderers.Shipped().Render(@event);
        await using var delivery = Delivery();

        await delivery.DeliverAsync(mail, CancellationToken.None);

        var received = Assert.Single(_server.Messages);
        Assert.Equal(@event.Email, Assert.Single(received.To.Mailboxes).Address);
        Assert.Equal("김민지", received.To.Mailboxes.Single().Name);
        Assert.Equal("김민지님, SignupEmail에 오신 것을 환영합니다", received.Subject);
        Assert.Contains("김민지님, 안녕하세요.", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>김민지님, 안녕하세요.</p>", received.HtmlBody, StringComparison.Ordinal);
        Assert.Equal($"{@event.EventId}@signupemail", received.MessageId);
        Assert.Equal("multipart/alternative", received.Body?.ContentType.MimeType);
    }

    [Fact]
    public async Task A_rejected_recipient_is_a_permanent_failure_with_the_smtp_code()
    {
        var mail = Renderers.Shipped().Render(TestEvents.English("reject-me@example.com"));
        await using var delivery = Delivery();

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => delivery.DeliverAsync(mail, CancellationToken.None));

        Assert.Equal(DeliveryFailureKind.Permanent, failure.Kind);
        Assert.Equal(550, failure.SmtpStatusCode);
        Assert.Equal(FailureDisposition.DeadLetter, FailureClassifier.Classify(failure));
        Assert.Empty(_server.Messages);
    }

    [Fact]
    public async Task A_4xx_answer_is_a_transient_failure_with_the_smtp_code()
    {
        var mail = Renderers.Shipped().Render(TestEvents.English("later@example.com"));
        await using var delivery = Delivery();

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => delivery.DeliverAsync(mail, CancellationToken.None));

        Assert.Equal(DeliveryFailureKind.Transient, failure.Kind);
        Assert.Equal(451, failure.SmtpStatusCode);
        Assert.Equal(FailureDisposition.Retry, FailureClassifier.Classify(failure));
    }

    [Fact]
    public async Task A_server_that_is_down_is_a_transient_failure()
    {
        var mail = Renderers.Shipped().Render(TestEvents.English());
        await using var delivery = Delivery(port: TestSmtpServer.FreePort());

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => delivery.DeliverAsync(mail, CancellationToken.None));

        Assert.Equal(DeliveryFailureKind.Transient, failure.Kind);
        Assert.Null(failure.SmtpStatusCode);
        Assert.Equal(FailureDisposition.Retry, FailureClassifier.Classify(failure));
    }

    [Fact]
    public async Task After_a_failure_the_next_mail_goes_out_on_a_fresh_connection()
    {
        var renderer = Renderers.Shipped();
        await using var delivery = Delivery(maxConnections: 1);

        await Assert.ThrowsAsync<MailDeliveryException>(
            () => delivery.DeliverAsync(renderer.Render(TestEvents.English("reject-me@example.com")), CancellationToken.None));
        await delivery.DeliverAsync(renderer.Render(TestEvents.English()), CancellationToken.None);

        Assert.Single(_server.Messages);
        Assert.Equal(2, delivery.ConnectionsOpened);
    }

    [Fact]
    public async Task Sequential_sends_reuse_one_connection()
    {
        var renderer = Renderers.Shipped();
        await using var delivery = Delivery();

        for (var i = 0; i < 5; i++)
        {
            await delivery.DeliverAsync(renderer.Render(TestEvents.English($"user{i}@example.com")), CancellationToken.None);
        }

        Assert.Equal(5, _server.Messages.Count);
        Assert.Equal(1, delivery.ConnectionsOpened);
        Assert.Equal(1, _server.Sessions);
    }

    [Fact]
    public async Task Concurrent_sends_are_bounded_by_max_connections()
    {
        var renderer = Renderers.Shipped();
        await using var delivery = Delivery(maxConnections: 2);
        _server.Hold();

        var sends = Enumerable.Range(0, 6)
            .Select(i => delivery.DeliverAsync(renderer.Render(TestEvents.English($"user{i}@example.com")), CancellationToken.None))
            .ToArray();
        await Eventually.TrueAsync(() => _server.InFlight == 2, Deadline, "two sends should reach the server");
        _server.Open();
        await Task.WhenAll(sends).WaitAsync(Deadline);

        Assert.Equal(6, _server.Messages.Count);
        Assert.Equal(2, _server.MaxInFlight);
        Assert.Equal(2, delivery.ConnectionsOpened);
        Assert.Equal(2, _server.Sessions);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_reported_as_a_delivery_failure()
    {
        await using var delivery = Delivery();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => delivery.DeliverAsync(Renderers.Shipped().Render(TestEvents.English()), cancelled.Token));
    }

    [Fact]
    public async Task A_connection_idle_longer_than_the_idle_timeout_is_replaced()
    {
        var renderer = Renderers.Shipped();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var delivery = Delivery(maxConnections: 1, time: clock);

        await delivery.DeliverAsync(renderer.Render(TestEvents.English()), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(19));
        await delivery.DeliverAsync(renderer.Render(TestEvents.English()), CancellationToken.None);
        Assert.Equal(1, delivery.ConnectionsOpened);

        clock.Advance(TimeSpan.FromSeconds(21));
        await delivery.DeliverAsync(renderer.Render(TestEvents.English()), CancellationToken.None);

        Assert.Equal(2, delivery.ConnectionsOpened);
        Assert.Equal(3, _server.Messages.Count);
    }
}
