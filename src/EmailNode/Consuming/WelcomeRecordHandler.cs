using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using SignupEmail.EmailNode.DeadLetters;
using SignupEmail.EmailNode.Delivery;
using SignupEmail.EmailNode.SendLog;
using SignupEmail.EmailNode.Templates;
using SignupEmail.Shared.Contracts;
using SignupEmail.Streams.Kafka.Messages;

namespace SignupEmail.EmailNode.Consuming;

/// <summary>
/// Handles one consumed record to the end: decode → skip if already sent → render → deliver →
/// write the send log. Transient failures are retried here, with backoff, so the record's partition
/// waits (and only it); the outcome says whether to commit, dead-letter, or leave it for a restart.
/// Never throws for a record's failure.
/// </summary>
public sealed partial class WelcomeRecordHandler
{
    private readonly ISendLog _sendLog;
    private readonly WelcomeMessageRenderer _renderer;
    private readonly IMailDelivery _delivery;
    private readonly DeliveryCircuitBreaker _breaker;
    private readonly DeliveryDelay _delay;
    private readonly RetryOptions _retry;
    private readonly TimeProvider _time;
    private readonly ILogger<WelcomeRecordHandler> _logger;

    // Records waiting for their next attempt, per partition: what the admin API shows as Retrying.
    private readonly ConcurrentDictionary<TopicPartition, int> _waiting = new();

    /// <summary>Creates the handler.</summary>
    public WelcomeRecordHandler(
        ISendLog sendLog,
        WelcomeMessageRenderer renderer,
        IMailDelivery delivery,
        DeliveryCircuitBreaker breaker,
        DeliveryDelay delay,
        RetryOptions retry,
        TimeProvider time,
        ILogger<WelcomeRecordHandler> logger)
    {
        _sendLog = sendLog;
        _renderer = renderer;
        _delivery = delivery;
        _breaker = breaker;
        _delay = delay;
        _retry = retry;
        _time = time;
        _logger = logger;
    }

    /// <summary>True while a record of <paramref name="partition"/> waits for its next attempt.</summary>
    public bool IsRetrying(TopicPartition partition) => _waiting.TryGetValue(partition, out var waiting) && waiting > 0;

    /// <summary>
    /// Handles <paramref name="message"/>. The attempt under way always finishes (an e-mail half
    /// sent is not cancelled); <paramref name="stopping"/> only ends the waits between attempts and
    /// the <see cref="DeliveryDelay"/> before one, with <see cref="RecordOutcomeKind.Abandoned"/>.
    /// </summary>
    public async Task<RecordOutcome> HandleAsync(CommittableMessage<byte[], byte[]> message, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(message);
        var record = message.Record;
        var decoded = UserSignedUpDecoder.Decode(record.Message.Value, ContractHeaders(record.Message.Headers));
        if (!decoded.IsDecoded)
        {
            var failure = decoded.Failure;
            LogPoison(_logger, record.Partition.Value, record.Offset.Value, failure.EventId, failure.Kind, failure.Reason);
            var type = $"{nameof(DecodeFailure)}.{failure.Kind}";
            var reason = failure.Field is null ? failure.Reason : $"{failure.Reason} (field '{failure.Field}')";
            return new RecordOutcome(RecordOutcomeKind.DeadLetter, record, message.CommittableOffset, null, failure.EventId, 1, new DeadLetterFailure(type, reason, 1));
        }

        var @event = decoded.Event;
        var delivered = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (!delivered)
                {
                    if (await _sendLog.IsAlreadySentAsync(@event.EventId, CancellationToken.None))
                    {
                        LogSkipped(_logger, @event.EventId, record.Partition.Value, record.Offset.Value);
                        return Outcome(RecordOutcomeKind.Skipped, message, @event, attempt, null);
                    }

                    var mail = Render(@event);
                    if (!await _delay.WaitAsync(stopping))
                    {
                        LogAbandoned(_logger, @event.EventId, record.Partition.Value, record.Offset.Value);
                        return Outcome(RecordOutcomeKind.Abandoned, message, @event, attempt, null);
                    }

                    await DeliverAsync(mail);
                    delivered = true;
                }

                // Once delivered, a retry repeats only the send-log write, never the e-mail.
                using (var logging = EmailPipelineTelemetry.Start("send-log record"))
                {
                    await _sendLog.RecordSentAsync(HandledRecordOf(@event, record, attempt), CancellationToken.None);
                }

                return Outcome(RecordOutcomeKind.Sent, message, @event, attempt, null);
            }
            catch (Exception ex)
            {
                var transient = FailureClassifier.IsKnownTransient(ex);
                var giveUp = FailureClassifier.Classify(ex) == FailureDisposition.DeadLetter
                    || (transient && _retry.TransientMaxAttempts > 0 && attempt >= _retry.TransientMaxAttempts)
                    || (!transient && attempt >= _retry.UnknownMaxAttempts);
                var reason = EmailAddress.MaskWithin(ex.Message);
                if (giveUp)
                {
                    LogGivingUp(_logger, ex.GetType().Name, @event.EventId, EmailAddress.Mask(@event.Email), attempt, reason);
                    return Outcome(RecordOutcomeKind.DeadLetter, message, @event, attempt, new DeadLetterFailure(ex.GetType().FullName ?? ex.GetType().Name, ex.Message, attempt));
                }

                var backoff = _retry.BackoffAfter(attempt, Random.Shared.NextDouble());
                if (ex is CircuitOpenException open && open.RetryAfter > backoff)
                {
                    backoff = open.RetryAfter;
                }

                EmailPipelineMetrics.RecordRetry();
                LogRetrying(_logger, ex.GetType().Name, @event.EventId, EmailAddress.Mask(@event.Email), record.Partition.Value, attempt, backoff, transient, reason);
                _waiting.AddOrUpdate(record.TopicPartition, 1, (_, waiting) => waiting + 1);
                try
                {
                    await Task.Delay(backoff, _time, stopping);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    LogAbandoned(_logger, @event.EventId, record.Partition.Value, record.Offset.Value);
                    return Outcome(RecordOutcomeKind.Abandoned, message, @event, attempt, null);
                }
                finally
                {
                    _waiting.AddOrUpdate(record.TopicPartition, 0, (_, waiting) => waiting - 1);
                }
            }
        }
    }

    /// <summary>
    /// Notes a dead-lettered record in the send log, once its DLT write is acknowledged. Retries a
    /// failing database with backoff until <paramref name="stopping"/>; a record without a readable
    /// event id cannot be logged.
    /// </summary>
    public async Task RecordDeadLetteredAsync(RecordOutcome outcome, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.EventId is not { } eventId || outcome.Failure is null)
        {
            return;
        }

        var @event = outcome.Event;
        var entry = new HandledRecord(
            eventId, @event?.UserId, @event?.Email, @event?.Locale, outcome.Attempts, outcome.Record.Partition.Value, outcome.Record.Offset.Value,
            @event is null ? null : WelcomeMessageRenderer.MessageIdFor(eventId));
        var error = $"{outcome.Failure.Type}: {DeadLetterRecords.SafeMessage(outcome.Failure.Message)}";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _sendLog.RecordDeadLetteredAsync(entry, error, CancellationToken.None);
                return;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                var backoff = _retry.BackoffAfter(attempt, Random.Shared.NextDouble());
                LogSendLogRetry(_logger, ex.GetType().Name, eventId, attempt, backoff, EmailAddress.MaskWithin(ex.Message));
                try
                {
                    await Task.Delay(backoff, _time, stopping);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    // The record is on the dead-letter topic, which is what counts; the log entry is a courtesy.
                    return;
                }
            }
        }
    }

    /// <summary>Headers in the client-neutral form the contract decoder reads.</summary>
    public static IReadOnlyList<RecordHeader> ContractHeaders(Headers? headers) =>
        headers is null ? [] : headers.Select(h => new RecordHeader(h.Key, h.GetValueBytes() ?? [])).ToList();

    private OutgoingMail Render(UserSignedUp @event)
    {
        using var activity = EmailPipelineTelemetry.Start("render welcome");
        activity?.SetTag("signupemail.locale", @event.Locale);
        return _renderer.Render(@event);
    }

    private async Task DeliverAsync(OutgoingMail mail)
    {
        if (!_breaker.TryAcquire(out var retryAfter))
        {
            throw new CircuitOpenException(retryAfter);
        }

        using var activity = EmailPipelineTelemetry.Start("deliver welcome");
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _delivery.DeliverAsync(mail, CancellationToken.None);
            EmailPipelineMetrics.RecordDelivery(started, delivered: true);
            _breaker.RecordSuccess();
        }
        catch (MailDeliveryException ex) when (ex.Kind == DeliveryFailureKind.Permanent)
        {
            // The server answered: it is up, whatever it thinks of this recipient.
            EmailPipelineMetrics.RecordDelivery(started, delivered: false);
            EmailPipelineTelemetry.Fail(activity, ex);
            _breaker.RecordSuccess();
            throw;
        }
        catch (Exception ex)
        {
            EmailPipelineMetrics.RecordDelivery(started, delivered: false);
            EmailPipelineTelemetry.Fail(activity, ex);
            _breaker.RecordFailure();
            throw;
        }
    }

    private static HandledRecord HandledRecordOf(UserSignedUp @event, ConsumeResult<byte[], byte[]> record, int attempts) => new(
        @event.EventId, @event.UserId, @event.Email, @event.Locale, attempts, record.Partition.Value, record.Offset.Value,
        WelcomeMessageRenderer.MessageIdFor(@event.EventId));

    private static RecordOutcome Outcome(RecordOutcomeKind kind, CommittableMessage<byte[], byte[]> message, UserSignedUp @event, int attempts, DeadLetterFailure? failure) =>
        new(kind, message.Record, message.CommittableOffset, @event, @event.EventId, attempts, failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poison record at partition {Partition} offset {Offset} (event {EventId}): {FailureKind}: {Reason}; dead-lettering it")]
    private static partial void LogPoison(ILogger logger, int partition, long offset, Guid? eventId, DecodeFailureKind failureKind, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} at partition {Partition} offset {Offset} was already sent; skipping the redelivery")]
    private static partial void LogSkipped(ILogger logger, Guid eventId, int partition, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{ExceptionType} for event {EventId} to {Recipient} after {Attempts} attempt(s); dead-lettering it: {Reason}")]
    private static partial void LogGivingUp(ILogger logger, string exceptionType, Guid eventId, string recipient, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{ExceptionType} for event {EventId} to {Recipient} (partition {Partition}, attempt {Attempt}); retrying in {Backoff} (known transient: {Transient}): {Reason}")]
    private static partial void LogRetrying(ILogger logger, string exceptionType, Guid eventId, string recipient, int partition, int attempt, TimeSpan backoff, bool transient, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: event {EventId} at partition {Partition} offset {Offset} is left uncommitted for the next run")]
    private static partial void LogAbandoned(ILogger logger, Guid eventId, int partition, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{ExceptionType} recording event {EventId} as dead-lettered (attempt {Attempt}); retrying in {Backoff}: {Reason}")]
    private static partial void LogSendLogRetry(ILogger logger, string exceptionType, Guid eventId, int attempt, TimeSpan backoff, string reason);
}
