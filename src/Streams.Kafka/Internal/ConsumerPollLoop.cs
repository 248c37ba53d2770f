using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Event;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;
using Error = Confluent.Kafka.Error;
using LogMessage = Confluent.Kafka.LogMessage;

namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>
/// One Confluent consumer and the dedicated thread that polls it. Confluent's consumer is not
/// thread-safe, so every call on it (consume, pause, resume, commit, position, close) happens on
/// that thread: the stages and the control hand it commands through a queue, and it answers through
/// tasks, the partition buffers and the source stage's async callbacks. Rebalance handlers run
/// inside Consume on the same thread, so a revoked partition's buffer is closed before librdkafka
/// hands the partition to anyone else.
/// </summary>
internal sealed class ConsumerPollLoop<TKey, TValue> : ICommitterChannel, IControl
{
    // Records taken from librdkafka per poll before commands and pauses get another look.
    private const int MaxRecordsPerPoll = 1000;

    private static readonly TimeSpan BackpressureCheckInterval = TimeSpan.FromMilliseconds(5);

    private readonly ConsumerSettings<TKey, TValue> _settings;
    private readonly Subscription _subscription;
    private readonly Lock _commandLock = new();
    private readonly ConcurrentQueue<Command> _commands = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<TopicPartition, int> _peakBuffered = new();
    private readonly string _name;

    // Poll-thread state.
    private readonly Dictionary<TopicPartition, ConsumerPartitionBuffer<TKey, TValue>> _partitions = [];
    private readonly List<TopicPartition> _justAssigned = [];
    private readonly List<CommitRequest> _commitRequests = [];
    private IConsumer<TKey, TValue>? _consumer;
    private IConsumerListener<TKey, TValue>? _listener;
    private ILoggingAdapter _log = NoLogger.Instance;
    private Error? _fatalError;
    private Exception? _lastCommitError;
    private long _nextCommitAttempt;
    private int _epoch;
    private bool _stopping;

    private volatile bool _shutdownRequested;
    private volatile IReadOnlyCollection<TopicPartition> _assignment = [];
    private bool _terminated;
    private Exception? _terminationError;
    private int _started;

    public ConsumerPollLoop(ConsumerSettings<TKey, TValue> settings, Subscription subscription)
    {
        _settings = settings;
        _subscription = subscription;
        GroupId = settings.GroupId ?? throw new KafkaSettingsException($"{ConsumerSettings<TKey, TValue>.ConfigPath}.kafka-clients.group.id", "is required by committable sources");
        _name = settings.Properties.TryGetValue("client.id", out var clientId) ? $"{GroupId}/{clientId}" : GroupId;
    }

    public string GroupId { get; }

    public Task IsShutdown => _closed.Task;

    public IReadOnlyCollection<TopicPartition> AssignedPartitions => _assignment;

    /// <summary>Most records buffered at once per partition since start (for tests of the bound).</summary>
    internal IReadOnlyDictionary<TopicPartition, int> PeakBuffered => _peakBuffered;

    /// <summary>Starts the poll thread; called once, by the source stage when it starts.</summary>
    public void Start(IConsumerListener<TKey, TValue> listener, ILoggingAdapter log)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            if (_closed.Task.IsCompleted)
            {
                // Shut down before the stage started.
                listener.OnStopped();
                return;
            }

            throw new InvalidOperationException("The consumer's poll loop was already started.");
        }

        _listener = listener;
        _log = log;
        var thread = new Thread(Run)
        {
            IsBackground = true,
            Name = $"kafka-consumer-{_name}",
        };
        thread.Start();
    }

    public Task Stop()
    {
        Enqueue(new Command(StopEmitting, _ => { }));
        return _stopped.Task;
    }

    public Task Shutdown()
    {
        _shutdownRequested = true;
        if (Volatile.Read(ref _started) == 0 && Interlocked.Exchange(ref _started, 1) == 0)
        {
            // Never started (the source was not run): there is no consumer to close.
            Terminate(error: null);
        }

        return _closed.Task;
    }

    public async Task<T> DrainAndShutdown<T>(Task<T> streamCompletion)
    {
        ArgumentNullException.ThrowIfNull(streamCompletion);
        await Stop().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource();
        var finished = await Task.WhenAny(streamCompletion, Task.Delay(_settings.StopTimeout, timeout.Token)).ConfigureAwait(false);
        await timeout.CancelAsync().ConfigureAwait(false);
        await Shutdown().ConfigureAwait(false);
        if (finished != streamCompletion)
        {
            throw new TimeoutException($"The stream did not complete within stop-timeout ({_settings.StopTimeout}); the consumer of group '{GroupId}' was closed anyway.");
        }

        return await streamCompletion.ConfigureAwait(false);
    }

    public Task<IReadOnlyList<PartitionLag>> GetPartitionLagAsync(CancellationToken cancellationToken = default)
    {
        var result = new TaskCompletionSource<IReadOnlyList<PartitionLag>>(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(new Command(
            () =>
            {
                try
                {
                    result.TrySetResult(ReadLag());
                }
                catch (KafkaException e)
                {
                    result.TrySetException(e);
                }
            },
            error => result.TrySetException(new InvalidOperationException("The consumer is closed.", error))));
        return cancellationToken.CanBeCanceled ? result.Task.WaitAsync(cancellationToken) : result.Task;
    }

    public Task CommitAsync(IReadOnlyList<CommittableOffset> offsets)
    {
        var result = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var request = new CommitRequest(offsets, result, Stopwatch.GetTimestamp() + ToTicks(_settings.CommitTimeout));
        Enqueue(new Command(
            () => _commitRequests.Add(request),
            error => result.TrySetException(new CommitFailedException($"The consumer of group '{GroupId}' is closed; {offsets.Count} offset(s) were not committed.", error))));
        return result.Task;
    }

    private void Enqueue(Command command)
    {
        lock (_commandLock)
        {
            if (!_terminated)
            {
                _commands.Enqueue(command);
                return;
            }
        }

        command.Abort(_terminationError);
    }

    private void Run()
    {
        Exception? failure = null;
        try
        {
            _consumer = Build();
            _consumer.Subscribe(_subscription.Topics);
            _log.Debug("Consumer {0} subscribed to {1}", _name, _subscription);
            while (!_shutdownRequested)
            {
                RunCommands();
                AdjustPauses();
                CommitPending();
                Poll();
            }

            CloseConsumer();
        }
        catch (Exception e)
        {
            failure = e;
            _log.Error(e, "Consumer {0} failed", _name);
        }
        finally
        {
            DisposeConsumer();
            Terminate(failure);
        }
    }

    private IConsumer<TKey, TValue> Build()
    {
        var builder = new ConsumerBuilder<TKey, TValue>(_settings.ToConsumerConfig())
            .SetErrorHandler((_, error) => OnError(error))
            .SetLogHandler((_, message) => OnLog(message))
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions.ConvertAll(p => p.TopicPartition), lost: false))
            .SetPartitionsLostHandler((_, partitions) => OnRevoked(partitions.ConvertAll(p => p.TopicPartition), lost: true));
        if (_settings.KeyDeserializer is { } keyDeserializer)
        {
            builder.SetKeyDeserializer(keyDeserializer);
        }

        if (_settings.ValueDeserializer is { } valueDeserializer)
        {
            builder.SetValueDeserializer(valueDeserializer);
        }

        return builder.Build();
    }

    private void RunCommands()
    {
        while (_commands.TryDequeue(out var command))
        {
            command.Run();
        }
    }

    private void Poll()
    {
        // While a partition waits for its sub-stream to catch up, look at the buffers more often
        // than poll-timeout: a drained buffer resumes its partition within milliseconds.
        var timeout = _partitions.Values.Any(b => b.PausedForBackpressure) && _settings.PollTimeout > BackpressureCheckInterval ? BackpressureCheckInterval : _settings.PollTimeout;
        var result = ConsumeOnce(timeout);
        var taken = 0;
        while (result is not null)
        {
            Deliver(result);
            if (++taken >= MaxRecordsPerPoll || _shutdownRequested)
            {
                break;
            }

            result = ConsumeOnce(TimeSpan.Zero);
        }

        ApplyNewAssignments();
        foreach (var buffer in _partitions.Values)
        {
            buffer.FlushSignal();
        }

        if (_fatalError is { } fatal)
        {
            throw new KafkaException(fatal);
        }
    }

    private ConsumeResult<TKey, TValue>? ConsumeOnce(TimeSpan timeout)
    {
        try
        {
            return _consumer!.Consume(timeout);
        }
        catch (ConsumeException e) when (!e.Error.IsFatal && e.Error.Code is not (ErrorCode.Local_KeyDeserialization or ErrorCode.Local_ValueDeserialization))
        {
            // Transient (broker down, leader moving): librdkafka recovers by itself.
            _log.Warning("Consumer {0}: {1}", _name, e.Error);
            return null;
        }
    }

    private void Deliver(ConsumeResult<TKey, TValue> result)
    {
        if (result.IsPartitionEOF)
        {
            return;
        }

        if (!_partitions.TryGetValue(result.TopicPartition, out var buffer) || buffer.IsClosed)
        {
            // Stopped or cancelled: the partition is being paused; nothing is emitted or committed past this.
            return;
        }

        if (buffer.Count >= _settings.BufferSize)
        {
            // Fetched before the pause took effect: read it again once the partition resumes, so the bound holds.
            _consumer!.Seek(result.TopicPartitionOffset);
            return;
        }

        var offset = new CommittableOffset(this, result.TopicPartition, result.Offset.Value, buffer.AssignmentEpoch);
        var count = buffer.Add(new CommittableMessage<TKey, TValue>(result, offset));
        buffer.NextOffset = result.Offset.Value + 1;
        _peakBuffered.AddOrUpdate(result.TopicPartition, count, (_, peak) => Math.Max(peak, count));
        if (count >= _settings.BufferSize && !buffer.PausedForBackpressure)
        {
            buffer.PausedForBackpressure = true;
            Pause(result.TopicPartition);
        }
    }

    /// <summary>Resumes partitions whose sub-stream caught up; pauses those nobody reads any more.</summary>
    private void AdjustPauses()
    {
        foreach (var buffer in _partitions.Values)
        {
            if (buffer.IsClosed)
            {
                if (!buffer.PausedForGood)
                {
                    buffer.PausedForGood = true;
                    Pause(buffer.Partition);
                    if (buffer.IsCancelled)
                    {
                        _log.Warning("The sub-source of {0} was cancelled: the partition stays paused until it is next assigned", buffer.Partition);
                    }
                }
            }
            else if (buffer.PausedForBackpressure && buffer.Count <= _settings.BufferSize / 2)
            {
                buffer.PausedForBackpressure = false;
                Resume(buffer.Partition, buffer.NextOffset);
            }
        }
    }

    /// <summary>
    /// librdkafka may keep a partition's pause across a revoke and re-assign; a fresh assignment
    /// starts resumed (or paused for good once stopped).
    /// </summary>
    private void ApplyNewAssignments()
    {
        foreach (var partition in _justAssigned)
        {
            if (!_partitions.TryGetValue(partition, out var buffer))
            {
                continue;
            }

            if (buffer.IsClosed)
            {
                buffer.PausedForGood = true;
                Pause(partition);
            }
            else if (!buffer.PausedForBackpressure)
            {
                Resume(partition);
            }
        }

        _justAssigned.Clear();
    }

    private void Pause(TopicPartition partition)
    {
        try
        {
            _consumer!.Pause([partition]);
        }
        catch (KafkaException e)
        {
            _log.Warning("Could not pause {0}: {1}", partition, e.Error);
        }
    }

    private void Resume(TopicPartition partition, long nextOffset = -1)
    {
        try
        {
            _consumer!.Resume([partition]);
            if (nextOffset >= 0)
            {
                // A resumed partition is fetched again only when librdkafka's broker thread next wakes
                // up (up to a second here); a seek to where it stopped starts the fetch at once.
                _consumer.Seek(new TopicPartitionOffset(partition, nextOffset));
            }
        }
        catch (KafkaException e)
        {
            _log.Warning("Could not resume {0}: {1}", partition, e.Error);
        }
    }

    private void OnAssigned(List<TopicPartition> partitions)
    {
        var emitted = new List<ConsumerPartitionBuffer<TKey, TValue>>(partitions.Count);
        foreach (var partition in partitions)
        {
            _partitions.Remove(partition, out var previous);
            previous?.Close();
            var buffer = new ConsumerPartitionBuffer<TKey, TValue>(partition, ++_epoch);
            _partitions[partition] = buffer;
            _justAssigned.Add(partition);
            if (_stopping)
            {
                buffer.Close();
            }
            else
            {
                emitted.Add(buffer);
            }
        }

        UpdateAssignment();
        _log.Info("Consumer {0} assigned {1}", _name, string.Join(", ", partitions));
        if (emitted.Count > 0)
        {
            _listener!.OnAssigned(emitted);
        }
    }

    private void OnRevoked(List<TopicPartition> partitions, bool lost)
    {
        // Stop emitting first: once this handler returns, the partition may be fetched by its next owner.
        var revoked = new List<ConsumerPartitionBuffer<TKey, TValue>>(partitions.Count);
        foreach (var partition in partitions)
        {
            if (_partitions.TryGetValue(partition, out var buffer))
            {
                buffer.Close();
                revoked.Add(buffer);
            }
        }

        if (!lost)
        {
            CommitBeforeRevoke(revoked);
        }

        foreach (var buffer in revoked)
        {
            _partitions.Remove(buffer.Partition);
        }

        _justAssigned.RemoveAll(partitions.Contains);
        DropStaleOffsets();
        UpdateAssignment();
        _log.Info("Consumer {0} {1} {2}", _name, lost ? "lost" : "revoked", string.Join(", ", partitions));
        if (revoked.Count > 0)
        {
            _listener!.OnRevoked(revoked.ConvertAll(b => b.Partition));
        }
    }

    /// <summary>Commits what the stream already handed over for partitions about to move, once, without retry.</summary>
    private void CommitBeforeRevoke(List<ConsumerPartitionBuffer<TKey, TValue>> revoked)
    {
        var highest = new Dictionary<TopicPartition, long>();
        foreach (var request in _commitRequests)
        {
            foreach (var offset in request.Pending)
            {
                if (revoked.Exists(b => b.Partition.Equals(offset.Partition) && b.AssignmentEpoch == offset.AssignmentEpoch))
                {
                    highest[offset.Partition] = Math.Max(highest.GetValueOrDefault(offset.Partition, -1), offset.Offset + 1);
                }
            }
        }

        if (highest.Count == 0)
        {
            return;
        }

        try
        {
            _consumer!.Commit(highest.Select(p => new TopicPartitionOffset(p.Key, p.Value)));
            _log.Debug("Committed {0} before the revoke", string.Join(", ", highest));
        }
        catch (KafkaException e)
        {
            // The next owner starts from the previous commit: these records are processed again.
            _log.Warning("Could not commit {0} before the revoke ({1}); those records will be redelivered", string.Join(", ", highest), e.Error);
        }
    }

    private void UpdateAssignment() => _assignment = _partitions.Keys.ToArray();

    private bool IsCurrent(CommittableOffset offset) =>
        _partitions.TryGetValue(offset.Partition, out var buffer) && buffer.AssignmentEpoch == offset.AssignmentEpoch;

    /// <summary>Offsets of partitions no longer assigned (or assigned again since) are dropped: the new owner decides.</summary>
    private void DropStaleOffsets()
    {
        foreach (var request in _commitRequests)
        {
            var dropped = request.Pending.RemoveAll(o => !IsCurrent(o));
            if (dropped > 0)
            {
                _log.Info("Dropped {0} offset(s) of partitions no longer assigned to this consumer", dropped);
            }
        }

        CompleteDoneRequests();
    }

    private void CompleteDoneRequests()
    {
        _commitRequests.RemoveAll(request =>
        {
            if (request.Pending.Count > 0)
            {
                return false;
            }

            request.Result.TrySetResult();
            return true;
        });
    }

    private void CommitPending()
    {
        if (_commitRequests.Count == 0 || Stopwatch.GetTimestamp() < _nextCommitAttempt)
        {
            return;
        }

        DropStaleOffsets();
        var highest = new Dictionary<TopicPartition, long>();
        foreach (var offset in _commitRequests.SelectMany(r => r.Pending))
        {
            highest[offset.Partition] = Math.Max(highest.GetValueOrDefault(offset.Partition, -1), offset.Offset + 1);
        }

        if (highest.Count == 0)
        {
            return;
        }

        try
        {
            _consumer!.Commit(highest.Select(p => new TopicPartitionOffset(p.Key, p.Value)));
            foreach (var request in _commitRequests)
            {
                request.Pending.Clear();
            }

            _lastCommitError = null;
        }
        catch (TopicPartitionOffsetException e)
        {
            var failed = e.Results.Where(r => r.Error.IsError).ToDictionary(r => r.TopicPartition, r => r.Error);
            foreach (var request in _commitRequests)
            {
                request.Pending.RemoveAll(o => !failed.ContainsKey(o.Partition));
            }

            var fatal = failed.FirstOrDefault(f => !IsRetriable(f.Value));
            if (fatal.Key is not null)
            {
                FailRequests(r => r.Pending.Exists(o => failed.ContainsKey(o.Partition) && !IsRetriable(failed[o.Partition])), e);
            }
            else
            {
                ScheduleRetry(e);
            }
        }
        catch (KafkaException e) when (IsRetriable(e.Error))
        {
            ScheduleRetry(e);
        }
        catch (KafkaException e)
        {
            FailRequests(_ => true, e);
        }

        CompleteDoneRequests();
        var now = Stopwatch.GetTimestamp();
        FailRequests(r => r.Deadline < now, _lastCommitError);
    }

    private void ScheduleRetry(KafkaException error)
    {
        _lastCommitError = error;
        _nextCommitAttempt = Stopwatch.GetTimestamp() + ToTicks(_settings.CommitRetryInterval);
        _log.Info("Commit of {0} rejected ({1}); retrying in {2}", _name, error.Error, _settings.CommitRetryInterval);
    }

    private void FailRequests(Predicate<CommitRequest> which, Exception? cause)
    {
        _commitRequests.RemoveAll(request =>
        {
            if (!which(request))
            {
                return false;
            }

            var message = cause is null
                ? $"Commit of group '{GroupId}' timed out after {_settings.CommitTimeout}."
                : $"Commit of group '{GroupId}' failed: {cause.Message}";
            request.Result.TrySetException(new CommitFailedException(message, cause));
            return true;
        });
    }

    // Rebalances, leader moves and coordinator changes pass; only errors that cannot heal fail the commit.
    private static bool IsRetriable(Error error) =>
        !error.IsFatal && error.Code is not (
            ErrorCode.GroupAuthorizationFailed or ErrorCode.TopicAuthorizationFailed or ErrorCode.OffsetMetadataTooLarge
            or ErrorCode.InvalidCommitOffsetSize or ErrorCode.Local_InvalidArg or ErrorCode.InvalidGroupId);

    private void StopEmitting()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        foreach (var buffer in _partitions.Values)
        {
            buffer.Close();
        }

        _log.Info("Consumer {0} stopped emitting", _name);
        _listener!.OnStopped();
        _stopped.TrySetResult();
    }

    private void CloseConsumer()
    {
        StopEmitting();

        // Commits already handed over (e.g. by a draining stream) still go out; keep polling meanwhile to stay in the group.
        var deadline = Stopwatch.GetTimestamp() + ToTicks(_settings.CloseTimeout);
        RunCommands();
        while (_commitRequests.Count > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            AdjustPauses();
            CommitPending();
            if (_commitRequests.Count > 0)
            {
                Poll();
            }

            RunCommands();
        }

        FailRequests(_ => true, new CommitFailedException($"The consumer of group '{GroupId}' closed before these offsets could be committed."));
        _consumer!.Close();
        _log.Info("Consumer {0} closed", _name);
    }

    private void DisposeConsumer()
    {
        try
        {
            _consumer?.Dispose();
        }
        catch (Exception e) when (e is KafkaException or ObjectDisposedException)
        {
            _log.Warning("Disposing the consumer of group {0} failed: {1}", GroupId, e.Message);
        }
    }

    private void Terminate(Exception? error)
    {
        lock (_commandLock)
        {
            _terminated = true;
            _terminationError = error;
        }

        while (_commands.TryDequeue(out var command))
        {
            command.Abort(error);
        }

        foreach (var buffer in _partitions.Values)
        {
            buffer.Close(error);
        }

        _partitions.Clear();
        _assignment = [];
        FailRequests(_ => true, error ?? new CommitFailedException($"The consumer of group '{GroupId}' is closed."));
        if (error is null)
        {
            _listener?.OnStopped();
            _stopped.TrySetResult();
            _closed.TrySetResult();
        }
        else
        {
            _listener?.OnFailed(error);
            _stopped.TrySetResult();
            _closed.TrySetException(error);
        }
    }

    private IReadOnlyList<PartitionLag> ReadLag()
    {
        var assigned = _partitions.Keys.ToList();
        if (assigned.Count == 0)
        {
            return [];
        }

        var committed = _consumer!.Committed(assigned, _settings.CommitTimeout).ToDictionary(c => c.TopicPartition, c => c.Offset);
        var result = new List<PartitionLag>(assigned.Count);
        foreach (var partition in assigned)
        {
            var watermarks = _consumer.QueryWatermarkOffsets(partition, _settings.CommitTimeout);
            // librdkafka forgets the position after a seek until the next record arrives (the resume
            // path seeks); the buffer knows the next offset it will add.
            var position = _consumer.Position(partition);
            long? next = position != Offset.Unset ? position.Value
                : _partitions[partition].NextOffset >= 0 ? _partitions[partition].NextOffset
                : null;
            result.Add(new PartitionLag(
                partition,
                watermarks.High.Value,
                committed.TryGetValue(partition, out var c) && c != Offset.Unset ? c.Value : null,
                next));
        }

        return result;
    }

    private void OnError(Error error)
    {
        if (error.IsFatal)
        {
            _fatalError = error;
        }
        else
        {
            _log.Warning("Consumer {0}: {1}", _name, error);
        }
    }

    private void OnLog(LogMessage message)
    {
        if (message.Level <= SyslogLevel.Warning)
        {
            _log.Warning("librdkafka {0} {1}: {2}", message.Name, message.Facility, message.Message);
        }
        else
        {
            _log.Debug("librdkafka {0} {1}: {2}", message.Name, message.Facility, message.Message);
        }
    }

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private sealed record Command(Action Run, Action<Exception?> Abort);

    private sealed class CommitRequest(IReadOnlyList<CommittableOffset> offsets, TaskCompletionSource result, long deadline)
    {
        public List<CommittableOffset> Pending { get; } = [.. offsets];

        public TaskCompletionSource Result { get; } = result;

        public long Deadline { get; } = deadline;
    }
}
