using System.Collections.Concurrent;
using System.Diagnostics;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using SignupEmail.EmailNode.DeadLetters;
using SignupEmail.Shared.Contracts;
using SignupEmail.Streams.Kafka.Diagnostics;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;

namespace SignupEmail.EmailNode.Consuming;

/// <summary>
/// The Email node's consuming pipeline: a committable partitioned source on the configured topic,
/// one sub-stream per assigned partition (at most <see cref="ConsumingOptions.MaxPartitions"/> at
/// once, each with up to <see cref="ConsumingOptions.MaxInFlightPerPartition"/> records in flight,
/// a record key's records in order), dead letters written through a producer shared by the run's
/// partitions, and every offset committed through the batching committer only once its outcome is
/// durable (e-mail sent and logged, or dead-letter write acknowledged). The whole stream restarts
/// with backoff after a failure; <see cref="DrainAsync"/> stops it cleanly.
/// </summary>
public sealed partial class EmailPipeline : IAsyncDisposable
{
    // At most this much of the drain budget is kept for closing the consumer after the stream's share.
    private static readonly TimeSpan MaxCloseReserve = TimeSpan.FromSeconds(5);

    private readonly ActorSystem _system;
    private readonly ConsumingOptions _options;
    private readonly WelcomeRecordHandler _handler;
    private readonly BackgroundPriorityScheduler? _handlerThreads;
    private readonly TimeProvider _time;
    private readonly ILogger<EmailPipeline> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private volatile IControl? _control;
    private UniqueKillSwitch? _killSwitch;
    private Task<Done>? _completion;
    private Task? _drain;
    private int _runs;
    private long _assignmentChangedAt;

    // Partitions with a running sub-stream (a count: a re-assigned partition's new sub-stream may
    // start before its old one has ended). Assigned but absent: waiting for a sub-stream slot.
    private readonly ConcurrentDictionary<TopicPartition, int> _streaming = new();

    /// <summary>Creates the pipeline; <see cref="Start"/> runs it.</summary>
    public EmailPipeline(ActorSystem system, ConsumingOptions options, WelcomeRecordHandler handler, TimeProvider time, ILogger<EmailPipeline> logger)
    {
        _system = system;
        _options = options;
        _handler = handler;
        _time = time;
        _logger = logger;
        _handlerThreads = options.HandlerThreads > 0 ? new BackgroundPriorityScheduler(options.HandlerThreads, "email-handler") : null;
    }

    /// <summary>How many times the consuming stream was (re)started.</summary>
    public int Runs => Volatile.Read(ref _runs);

    /// <summary>True while a consumer is running (not draining, not waiting to restart).</summary>
    public bool IsRunning => _control is { } control && !control.IsShutdown.IsCompleted && _drain is null && _completion is { IsCompleted: false };

    /// <summary>Completes when the pipeline has stopped for good (drained, or killed).</summary>
    public Task Completion => _completion ?? Task.CompletedTask;

    /// <summary>The consumer group.</summary>
    public string GroupId => _options.GroupId;

    /// <summary>Partitions assigned to this node right now.</summary>
    public IReadOnlyCollection<TopicPartition> AssignedPartitions => _control?.AssignedPartitions ?? [];

    /// <summary>
    /// How long the running consumer has been without any partition: since its run started or its
    /// last partition ended. Zero while it has partitions, and while it is not running.
    /// </summary>
    public TimeSpan TimeWithoutPartitions =>
        IsRunning && AssignedPartitions.Count == 0 ? _time.GetElapsedTime(Volatile.Read(ref _assignmentChangedAt)) : TimeSpan.Zero;

    /// <summary>
    /// What an assigned partition's pipeline does: <see cref="PartitionState.Retrying"/> while one of
    /// its records waits for another attempt, <see cref="PartitionState.Paused"/> while it waits for a
    /// sub-stream (the circuit breaker is not consulted here). Cheap: no Kafka request.
    /// </summary>
    public PartitionState StateOf(TopicPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        if (!_streaming.TryGetValue(partition, out var streams) || streams == 0)
        {
            return PartitionState.Paused;
        }

        return _handler.IsRetrying(partition) ? PartitionState.Retrying : PartitionState.Consuming;
    }

    /// <summary>
    /// Reads the stage settings (failing with a <see cref="KafkaSettingsException"/> naming the HOCON
    /// key) and starts consuming. Registers <see cref="DrainAsync"/> with CoordinatedShutdown.
    /// </summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_completion is not null)
            {
                throw new InvalidOperationException("The pipeline is already started.");
            }

            var consumerSettings = ConsumerSettings<byte[], byte[]>.Create(_system)
                .WithBootstrapServers(_options.BootstrapServers)
                .WithGroupId(_options.GroupId);
            var producerSettings = ProducerSettings<byte[], byte[]>.Create(_system).WithBootstrapServers(_options.BootstrapServers);
            foreach (var (key, value) in _options.KafkaProperties)
            {
                consumerSettings = consumerSettings.WithProperty(key, value);
                producerSettings = IsConsumerOnly(key) ? producerSettings : producerSettings.WithProperty(key, value);
            }

            var committerSettings = CommitterSettings.Create(_system);
            var restart = RestartSettings.Create(_options.Restart.MinBackoff, _options.Restart.MaxBackoff, _options.Restart.RandomFactor);
            var (killSwitch, completion) = RestartSource
                .OnFailuresWithBackoff(() => Run(consumerSettings, producerSettings, committerSettings), restart)
                .ViaMaterialized(KillSwitches.Single<Done>(), Keep.Right)
                .ToMaterialized(Sink.Ignore<Done>(), Keep.Both)
                .Run(_system.Materializer(namePrefix: "email-pipeline"));
            _killSwitch = killSwitch;
            _completion = completion;
        }

        CoordinatedShutdown.Get(_system).AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "drain-email-pipeline", async () =>
        {
            await DrainAsync();
            return Done.Instance;
        });
        LogStarted(_logger, _options.Topic, _options.GroupId, _options.DeadLetterTopic);
        if (_handlerThreads is not null)
        {
            LogHandlerThreads(_logger, _options.HandlerThreads, BackgroundPriorityScheduler.Nice);
        }
    }

    /// <summary>
    /// Stops cleanly, at most <see cref="ConsumingOptions.DrainTimeout"/>: no more fetching, records
    /// waiting for a retry are left uncommitted, records being handled finish, their offsets are
    /// committed, and the consumer leaves the group. Safe to call more than once.
    /// </summary>
    public Task DrainAsync()
    {
        lock (_lock)
        {
            return _drain ??= DrainCoreAsync();
        }
    }

    /// <summary>
    /// Stops abruptly, as a crash would: the stream is torn down without committing what it has
    /// handled since the last commit, and the consumer is closed. For tests of redelivery.
    /// </summary>
    internal async Task AbortAsync()
    {
        lock (_lock)
        {
            _drain ??= Task.CompletedTask;
        }

        await _stopping.CancelAsync();
        _killSwitch?.Abort(new InvalidOperationException("Pipeline aborted."));
        if (_control is { } control)
        {
            await control.IsShutdown.WaitAsync(_options.DrainTimeout).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DrainAsync();
        _stopping.Dispose();
        _handlerThreads?.Dispose();
    }

    private async Task DrainCoreAsync()
    {
        if (_completion is not { } completion)
        {
            return;
        }

        LogDraining(_logger);

        // Stop emitting before abandoning waits: a partition whose sub-stream ends at an abandoned
        // record must not be emitted again (the connector re-emits cancelled sub-sources until stopped).
        if (_control is { } stopping)
        {
            await stopping.Stop().WaitAsync(_options.DrainTimeout).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await _stopping.CancelAsync();

        // One budget for the whole stop. With Kafka unreachable the last commits never succeed: the
        // stream waits for them (commit-timeout, retried) and closing the consumer retries them
        // again (close-timeout), so a budget per step spent DrainTimeout twice. Part of it is kept
        // for closing, so a stream stuck on a slow send still leaves the group cleanly.
        var clock = Stopwatch.StartNew();
        var closeReserve = TimeSpan.FromTicks(Math.Min(_options.DrainTimeout.Ticks / 4, MaxCloseReserve.Ticks));
        try
        {
            var drained = _control is { } control ? control.DrainAndShutdown(completion) : Task.FromResult(Done.Instance);
            await drained.WaitAsync(_options.DrainTimeout - closeReserve);
            LogDrained(_logger);
        }
        catch (Exception ex)
        {
            // Whatever went wrong, the node is going down: close what is left and say so.
            LogDrainFailed(_logger, ex.GetType().Name, EmailAddress.MaskWithin(ex.Message));
        }
        finally
        {
            _killSwitch?.Shutdown();
            if (_control is { } control)
            {
                var left = _options.DrainTimeout - clock.Elapsed;
                var closed = control.Shutdown();
                await closed.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero).ContinueWith(_ => { }, TaskScheduler.Default);
                if (!closed.IsCompleted)
                {
                    // Its poll thread goes on closing in the background; the process does not wait for it.
                    LogConsumerNotClosed(_logger, _options.DrainTimeout);
                }
            }
        }
    }

    private Source<Done, NotUsed> Run(
        ConsumerSettings<byte[], byte[]> consumerSettings, ProducerSettings<byte[], byte[]> producerSettings, CommitterSettings committerSettings)
    {
        if (_stopping.IsCancellationRequested)
        {
            return Source.Empty<Done>();
        }

        var run = Interlocked.Increment(ref _runs);
        if (run > 1)
        {
            LogRestarting(_logger, run);
        }

        // One dead-letter producer per run, shared by all the run's partition sub-streams (their
        // producer stages never dispose it): it lives exactly as long as the run's stream, so a
        // partition revoked in a rebalance leaves it open for the partitions that stay.
        var producer = new ProducerBuilder<byte[], byte[]>(producerSettings.ToProducerConfig()).Build();
        return Consumer.CommittablePartitionedSource(consumerSettings, Subscription.ToTopics(_options.Topic))
            .MapMaterializedValue(control =>
            {
                MarkAssignmentChanged();
                _control = control;
                return NotUsed.Instance;
            })
            .MergeMany(_options.MaxPartitions, pair => Partition(pair.Partition, pair.Source, producerSettings, producer))
            .Via(Committer.Flow(committerSettings))
            .SelectError(ex =>
            {
                LogStreamFailed(_logger, ex.GetType().Name, EmailAddress.MaskWithin(ex.Message), _options.Restart.MinBackoff);
                return ex;
            })
            .WatchTermination((mat, done) =>
            {
                // Flush waits up to 10 s for Kafka: on a thread of its own, not the pool's.
                done.ContinueWith(_ => CloseRunProducer(producer), CancellationToken.None, TaskContinuationOptions.LongRunning, TaskScheduler.Default);
                return mat;
            });
    }

    private Source<ICommittable, NotUsed> Partition(
        TopicPartition partition,
        Source<CommittableMessage<byte[], byte[]>, NotUsed> records,
        ProducerSettings<byte[], byte[]> producerSettings,
        IProducer<byte[], byte[]> producer)
    {
        LogPartitionAssigned(_logger, partition.Topic, partition.Partition.Value);
        MarkAssignmentChanged();
        _streaming.AddOrUpdate(partition, 1, (_, streams) => streams + 1);
        var sequencer = new KeySequencer();
        return records
            // Several records of a partition in flight (an SMTP round trip is mostly waiting), but a
            // key's records one after another, in offset order: a user's e-mails keep their order.
            // SelectAsync emits outcomes in offset order whatever order they finish in, so an
            // offset is never committed before every record below it is done; a record that waits
            // for a retry holds back its partition's commits (and no other partition).
            .SelectAsync(_options.MaxInFlightPerPartition ?? 1, message => HandleAsync(message, sequencer))
            // Nothing after an abandoned record may be committed, or the commit would skip it.
            .TakeWhile(outcome => outcome.Kind != RecordOutcomeKind.Abandoned)
            .Select(ToEnvelope)
            .Via(Producer.FlexiFlow<byte[], byte[], RecordOutcome>(producerSettings, producer))
            .SelectAsync(1, async result =>
            {
                var outcome = result.PassThrough;
                if (outcome.Kind == RecordOutcomeKind.DeadLetter)
                {
                    // The DLT write is acknowledged: only now is the record's offset allowed to be committed.
                    LogDeadLettered(_logger, outcome.EventId, partition.Partition.Value, outcome.Record.Offset.Value, _options.DeadLetterTopic, outcome.Failure?.Type);
                    EmailPipelineMetrics.RecordDeadLettered();
                    await _handler.RecordDeadLetteredAsync(outcome, _stopping.Token);
                }

                return (ICommittable)outcome.Offset;
            })
            .WatchTermination((mat, done) =>
            {
                done.ContinueWith(
                    _ =>
                    {
                        _streaming.AddOrUpdate(partition, 0, (_, streams) => streams - 1);
                        MarkAssignmentChanged();
                        LogPartitionEnded(_logger, partition.Topic, partition.Partition.Value);
                    },
                    TaskScheduler.Default);
                return mat;
            });
    }

    private Task<RecordOutcome> HandleAsync(CommittableMessage<byte[], byte[]> message, KeySequencer sequencer) =>
        _handlerThreads is null
            ? HandleTracedAsync(message, sequencer)
            : Task.Factory.StartNew(() => HandleTracedAsync(message, sequencer), CancellationToken.None, TaskCreationOptions.DenyChildAttach, _handlerThreads).Unwrap();

    // The record's process span is current while it is handled: the handler's spans are its
    // children, and its log lines carry the signup's trace id.
    private async Task<RecordOutcome> HandleTracedAsync(CommittableMessage<byte[], byte[]> message, KeySequencer sequencer)
    {
        using var activity = KafkaTelemetry.StartProcess(message.Record, _options.GroupId);
        var outcome = await sequencer.Run(KeyOf(message), () => _handler.HandleAsync(message, _stopping.Token));
        EmailPipelineMetrics.RecordHandled(outcome.Kind);
        activity?.SetTag(EmailPipelineMetrics.OutcomeAttribute, outcome.Kind.ToString());
        return outcome;
    }

    private ProducerMessageEnvelope<byte[], byte[], RecordOutcome> ToEnvelope(RecordOutcome outcome)
    {
        if (outcome is not { Kind: RecordOutcomeKind.DeadLetter, Failure: { } failure })
        {
            return ProducerMessage.PassThrough<byte[], byte[], RecordOutcome>(outcome);
        }

        var deadLetter = DeadLetterRecords.Create(outcome.Record, _options.DeadLetterTopic, _options.GroupId, failure, _time.GetUtcNow());
        EmailPipelineTelemetry.DeadLettered(outcome.Record, deadLetter.Message, _options.DeadLetterTopic, failure.Type);
        return ProducerMessage.Single(deadLetter, outcome);
    }

    // Records without a key share one sequence: nothing says they are unrelated.
    private static string KeyOf(CommittableMessage<byte[], byte[]> message) =>
        message.Record.Message.Key is { Length: > 0 } key ? Convert.ToBase64String(key) : string.Empty;

    private void MarkAssignmentChanged() => Volatile.Write(ref _assignmentChangedAt, _time.GetTimestamp());

    // Called once the run's stream has ended (completed, failed or killed), its sub-streams with it:
    // what is left to write is only what Flush sends.
    private static void CloseRunProducer(IProducer<byte[], byte[]> producer)
    {
        try
        {
            producer.Flush(TimeSpan.FromSeconds(10));
        }
        finally
        {
            producer.Dispose();
        }
    }

    // Consumer-side librdkafka properties that a producer would reject or warn about.
    internal static bool IsConsumerOnly(string key) =>
        key.StartsWith("session.", StringComparison.Ordinal)
        || key.StartsWith("heartbeat.", StringComparison.Ordinal)
        || key.StartsWith("fetch.", StringComparison.Ordinal)
        || key.StartsWith("auto.", StringComparison.Ordinal)
        || key.StartsWith("enable.auto", StringComparison.Ordinal)
        || key.StartsWith("max.poll", StringComparison.Ordinal)
        || key.StartsWith("partition.assignment", StringComparison.Ordinal)
        || key.StartsWith("group.", StringComparison.Ordinal)
        || key is "queued.min.messages" or "isolation.level";

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming {Topic} as group {GroupId}; dead letters to {DeadLetterTopic}")]
    private static partial void LogStarted(ILogger logger, string topic, string groupId, string deadLetterTopic);

    [LoggerMessage(Level = LogLevel.Information, Message = "Records are handled on {Threads} thread(s) of their own at a lowered priority (nice {Nice})")]
    private static partial void LogHandlerThreads(ILogger logger, int threads, int nice);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partition {Topic}[{Partition}] assigned: its sub-stream starts")]
    private static partial void LogPartitionAssigned(ILogger logger, string topic, int partition);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partition {Topic}[{Partition}] sub-stream ended")]
    private static partial void LogPartitionEnded(ILogger logger, string topic, int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} at partition {Partition} offset {Offset} written to {DeadLetterTopic} ({FailureType})")]
    private static partial void LogDeadLettered(ILogger logger, Guid? eventId, int partition, long offset, string deadLetterTopic, string? failureType);

    [LoggerMessage(Level = LogLevel.Error, Message = "The consuming stream failed ({ExceptionType}: {Reason}); restarting from the committed offsets after at least {Backoff}")]
    private static partial void LogStreamFailed(ILogger logger, string exceptionType, string reason, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consuming stream run {Run} starting after a failure")]
    private static partial void LogRestarting(ILogger logger, int run);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draining the consuming pipeline: no more fetching, finishing in-flight records")]
    private static partial void LogDraining(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming pipeline drained: offsets committed, consumer left the group")]
    private static partial void LogDrained(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Draining the consuming pipeline did not finish cleanly ({ExceptionType}: {Reason}); uncommitted records are handled again by the next owner")]
    private static partial void LogDrainFailed(ILogger logger, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Kafka consumer did not close within Email:Kafka:DrainTimeout ({DrainTimeout}); stopping without waiting for it")]
    private static partial void LogConsumerNotClosed(ILogger logger, TimeSpan drainTimeout);
}
