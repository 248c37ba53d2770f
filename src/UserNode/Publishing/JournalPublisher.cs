using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;
using SignupEmail.UserNode.Configuration;
using SignupEmail.UserNode.Users;
using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Publishing;

/// <summary>
/// The journal is the outbox: this actor (one per cluster, as a singleton under a backoff
/// supervisor) reads the journal table by its ordering, turns each <see cref="UserRegistered"/>
/// into a <c>user.signed-up</c> record, produces it through <see cref="Producer.FlexiFlow{TKey, TValue, TPassThrough}(ProducerSettings{TKey, TValue})"/>
/// with the ordering as pass-through, and stores the offset once Kafka acknowledged.
/// </summary>
/// <remarks>
/// It reads when an entity wakes it (<see cref="PublisherWakeUp"/>) and on a slow fallback poll, one
/// query at a time; wake-ups during a query make one more query. Any failure (database, a Kafka
/// delivery that failed for good) throws: the backoff supervisor restarts it, and it starts again
/// from the stored offset, so records after that offset may be sent twice, never lost.
/// A stored signup that cannot become a record (the API and the contract share one address rule, so
/// only a bug or an entry written by an older version can do this) is held, never skipped: an Error
/// log names its persistence id and sequence number, <c>/health</c> turns Degraded, and the offset
/// stays below it, so a restart after the fix publishes it. Later signups still go out meanwhile.
/// </remarks>
internal sealed class JournalPublisher : ReceiveActor, IWithTimers
{
    private const string JournalProbeId = "journal-publisher-probe";
    private static readonly TimeSpan JournalReadyTimeout = TimeSpan.FromSeconds(30);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly JournalPublisherSettings _settings;
    private readonly JournalStore _store;
    private readonly ProducerSettings<byte[], byte[]> _producerSettings;
    private readonly Akka.Serialization.Serialization _serialization;
    private readonly long _clockStart = Stopwatch.GetTimestamp();

    // Rows that cannot become a record, by ordering: what /health names (see Hold).
    private readonly SortedDictionary<long, string> _held = [];

    // When each record in flight was registered, by ordering: its publish delay once acknowledged.
    private readonly Dictionary<long, DateTimeOffset> _registeredAt = [];
    private OrderingTracker _tracker = new(0, TimeSpan.MaxValue);
    private SignedUpRecordFactory? _records;
    private IActorRef _queue = ActorRefs.Nobody;
    private bool _reading;
    private bool _readAgain;
    private bool _saving;
    private long _savedOffset;

    // When the oldest unacknowledged record started waiting: reset by every acknowledgement.
    private TimeSpan _waitingSince;

    public JournalPublisher(JournalPublisherSettings settings, JournalStore store, ProducerSettings<byte[], byte[]> producerSettings)
    {
        _settings = settings;
        _store = store;
        _producerSettings = producerSettings;
        _serialization = Context.System.Serialization;
        Starting();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(JournalPublisherSettings settings, JournalStore store, ProducerSettings<byte[], byte[]> producerSettings) =>
        Props.Create(() => new JournalPublisher(settings, store, producerSettings));

    protected override void PreStart()
    {
        var journal = Akka.Persistence.Persistence.Instance.Apply(Context.System).JournalFor(null);
        StartAsync(journal, CancellationToken.None).PipeTo(Self, success: started => started, failure: e => new Failed("start", e));
    }

    protected override void PostStop()
    {
        PublishingMetrics.Abandoned(_registeredAt.Count);
        if (_tracker.Committed > _savedOffset)
        {
            // Best effort on a graceful stop (hand-over): fewer records sent twice by the next publisher.
            var store = _store;
            var (id, offset, log) = (_settings.PublisherId, _tracker.Committed, _log);
            _ = Task.Run(() => store.SaveOffsetAsync(id, offset, CancellationToken.None)).ContinueWith(
                t => log.Warning(t.Exception?.GetBaseException(), "Could not store publisher offset {Offset} on stop", offset),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);
        }
    }

    private TimeSpan Now => Stopwatch.GetElapsedTime(_clockStart);

    private void Starting()
    {
        Receive<Started>(started =>
        {
            _tracker = new OrderingTracker(started.Offset, _settings.GapTimeout);
            _savedOffset = started.Offset;
            _records = new SignedUpRecordFactory(_settings.Topic, _settings.CloudEventsSource, started.RoundRobinPartitions);
            _queue = Source.ActorRef<ProducerMessageEnvelope<byte[], byte[], long>>(_settings.MaxInFlight + _settings.BatchSize, OverflowStrategy.Fail)
                .Via(Producer.FlexiFlow<byte[], byte[], long>(_producerSettings))
                .Select(result => (object)new Delivered(result.PassThrough))
                .To(Sink.ActorRef<object>(Self, StreamCompleted.Instance, e => new Failed("Kafka producer stage", e)))
                .Run(Context.Materializer());
            Timers.StartPeriodicTimer(nameof(Poll), Poll.Instance, _settings.FallbackPollInterval);
            Timers.StartPeriodicTimer(nameof(SaveTick), SaveTick.Instance, _settings.OffsetSaveInterval);
            _log.Info(
                "Journal publisher started after ordering {Offset}, to topic {Topic} ({Partitioning})",
                started.Offset,
                _settings.Topic,
                _settings.Partitioning);
            Become(Running);
            RequestRead();
        });
        Receive<Failed>(failed => throw new JournalPublisherException(failed.What, failed.Cause));

        // Reading starts right after the start anyway.
        Receive<PublisherWakeUp>(_ => { });
        Receive<GetPublisherStatus>(_ => Sender.Tell(new PublisherStatus(false, _savedOffset, 0, 0, TimeSpan.Zero)));
    }

    private void Running()
    {
        Receive<PublisherWakeUp>(_ => RequestRead());
        Receive<Poll>(_ => RequestRead());
        Receive<RowsRead>(OnRowsRead);
        Receive<GetPublisherStatus>(_ => Sender.Tell(Status()));
        Receive<Delivered>(delivered =>
        {
            _waitingSince = Now;
            _tracker.Finish(delivered.Ordering);
            if (_registeredAt.Remove(delivered.Ordering, out var registeredAt))
            {
                PublishingMetrics.Acknowledged(registeredAt, DateTimeOffset.UtcNow);
            }

            if (_readAgain)
            {
                RequestRead();
            }
        });
        Receive<SaveTick>(_ => SaveOffset());
        Receive<OffsetSaved>(saved =>
        {
            _saving = false;
            _savedOffset = Math.Max(_savedOffset, saved.Offset);
        });
        Receive<SaveFailed>(failed =>
        {
            _saving = false;
            _log.Warning(failed.Cause, "Could not store publisher offset {Offset}; retrying in {Interval}", failed.Offset, _settings.OffsetSaveInterval);
        });
        Receive<Failed>(failed => throw new JournalPublisherException(failed.What, failed.Cause));
        Receive<StreamCompleted>(_ => throw new JournalPublisherException("Kafka producer stage", new InvalidOperationException("completed unexpectedly")));
    }

    private async Task<Started> StartAsync(IActorRef journal, CancellationToken cancellationToken)
    {
        // On a fresh database the journal creates its tables when it starts, and the publisher (started
        // with the node) would otherwise query them first. The journal holds back requests until its
        // tables exist, so an empty replay of an unused id returns once they do.
        var ready = await journal.Ask<object>(
            replyTo => new ReplayMessages(0, 0, 0, JournalProbeId, replyTo), JournalReadyTimeout, cancellationToken).ConfigureAwait(false);
        if (ready is ReplayMessagesFailure failure)
        {
            throw new JournalPublisherException("journal not ready", failure.Cause);
        }

        var offset = await _store.LoadOffsetAsync(_settings.PublisherId, cancellationToken).ConfigureAwait(false);
        var partitions = _settings.Partitioning == PublishingPartitioning.RoundRobin
            ? await Task.Run(() => PartitionCount(_producerSettings, _settings.Topic), cancellationToken).ConfigureAwait(false)
            : 0;
        return new Started(offset, partitions);
    }

    // Round robin picks partitions itself, so it must know how many there are. A short-lived admin
    // client, and all topics' metadata: asking for one topic by name can auto-create it.
    private static int PartitionCount(ProducerSettings<byte[], byte[]> producerSettings, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig(producerSettings.Properties.ToDictionary(StringComparer.Ordinal))).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        var found = metadata.Topics.FirstOrDefault(t => t.Topic == topic && t.Error.Code == ErrorCode.NoError);
        return found is { Partitions.Count: > 0 }
            ? found.Partitions.Count
            : throw new InvalidOperationException($"Topic {topic} does not exist; round-robin partitioning needs its partition count.");
    }

    private void RequestRead()
    {
        if (_reading || _tracker.InFlight >= _settings.MaxInFlight)
        {
            _readAgain = true;
            return;
        }

        _reading = true;
        _readAgain = false;
        ReadAsync(_tracker.ReadCursor, _tracker.Missing, CancellationToken.None)
            .PipeTo(Self, success: rows => rows, failure: e => new Failed("journal query", e));
    }

    private async Task<RowsRead> ReadAsync(long after, IReadOnlyCollection<long> missing, CancellationToken cancellationToken)
    {
        var fresh = await _store.ReadAfterAsync(after, _settings.BatchSize, cancellationToken).ConfigureAwait(false);
        var filled = missing.Count > 0
            ? await _store.ReadOrderingsAsync(missing, cancellationToken).ConfigureAwait(false)
            : [];
        return new RowsRead(fresh, filled, fresh.Count >= _settings.BatchSize);
    }

    private void OnRowsRead(RowsRead read)
    {
        _reading = false;
        var now = Now;
        foreach (var row in read.Filled.Concat(read.Fresh))
        {
            if (_tracker.Observe(row.Ordering, now))
            {
                Publish(row);
            }
        }

        var expired = _tracker.ExpireGaps(now);
        if (expired.Count > 0)
        {
            _log.Warning(
                "Journal ordering(s) {Orderings} stayed missing for {Timeout}: taken for rolled-back inserts, the offset moves past them (still watched for a while)",
                string.Join(",", expired),
                _settings.GapTimeout);
        }

        if (read.Full || _readAgain)
        {
            RequestRead();
        }
    }

    private void Publish(JournalRow row)
    {
        if (!row.PersistenceId.StartsWith(UserEntity.PersistenceIdPrefix, StringComparison.Ordinal))
        {
            _tracker.Finish(row.Ordering);
            return;
        }

        ProducerRecord<byte[], byte[]> record;
        try
        {
            if (_serialization.Deserialize(row.Message, row.Identifier ?? 0, row.Manifest ?? string.Empty) is not UserRegistered registered)
            {
                _tracker.Finish(row.Ordering);
                return;
            }

            record = _records!.Create(registered);
            _registeredAt[row.Ordering] = registered.RegisteredAt;
        }
        catch (Exception e) when (e is System.Runtime.Serialization.SerializationException or ArgumentException)
        {
            Hold(row, e);
            return;
        }

        if (_tracker.InFlight == 1)
        {
            _waitingSince = Now;
        }

        PublishingMetrics.Handed();
        _queue.Tell(ProducerMessage.Single(record, row.Ordering));
    }

    // Skipping would turn a 201 into an e-mail that never comes, silently; holding keeps the row
    // unpublished and the offset below it until someone looks, and costs later signups nothing.
    private void Hold(JournalRow row, Exception cause)
    {
        _tracker.Hold(row.Ordering);
        _held[row.Ordering] = $"ordering {row.Ordering} ({row.PersistenceId}, sequence nr {row.SequenceNumber}): {cause.Message}";
        _log.Error(
            cause,
            "Stored signup at journal ordering {Ordering} ({PersistenceId}, sequence nr {SequenceNr}) cannot become a record. It is held, " +
            "not published and not skipped: the stored offset stays below it until it is fixed and the node restarted",
            row.Ordering,
            row.PersistenceId,
            row.SequenceNumber);
    }

    private PublisherStatus Status() => new(
        Running: true,
        _tracker.Committed,
        _tracker.InFlight,
        _tracker.OpenGaps,
        _tracker.InFlight > 0 ? Now - _waitingSince : TimeSpan.Zero,
        _held.Count,
        _held.Count > 0 ? _held.First().Value : null);

    private void SaveOffset()
    {
        var offset = _tracker.Committed;
        if (_saving || offset <= _savedOffset)
        {
            return;
        }

        _saving = true;
        _store.SaveOffsetAsync(_settings.PublisherId, offset, CancellationToken.None)
            .PipeTo(Self, success: () => new OffsetSaved(offset), failure: e => new SaveFailed(offset, e));
    }

    private sealed record Started(long Offset, int RoundRobinPartitions);

    private sealed record RowsRead(List<JournalRow> Fresh, List<JournalRow> Filled, bool Full);

    private sealed record Delivered(long Ordering);

    private sealed record OffsetSaved(long Offset);

    private sealed record SaveFailed(long Offset, Exception Cause);

    private sealed record Failed(string What, Exception Cause);

    private sealed class Poll
    {
        public static readonly Poll Instance = new();
    }

    private sealed class SaveTick
    {
        public static readonly SaveTick Instance = new();
    }

    private sealed class StreamCompleted
    {
        public static readonly StreamCompleted Instance = new();
    }
}
