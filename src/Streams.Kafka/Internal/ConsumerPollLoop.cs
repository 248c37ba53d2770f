using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Event;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;
using Error = Confluent.Kafka.Error;

namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>
/// One Confluent consumer and the dedicated thread that polls it. Confluent's consumer is not
/// thread-safe, so every call on it (consume, pause, resume, commit, position, close) happens on
/// that thread: the stages and the control hand it commands through a queue, and it answers through
/// tasks, the partition buffers and the source stage's async callbacks. Rebalance handlers run
/// inside Consume on the same thread, so a revoked partition's buffer is closed before librdkafka
/// hands the partition to anyone else. The partitions' buffers and pauses live in
/// <see cref="ConsumerAssignment{TKey, TValue}"/>, the commits in <see cref="ConsumerPendingCommits"/>;
/// both are used on the poll thread only.
/// </summary>
internal sealed class ConsumerPollLoop<TKey, TValue> : ICommitterChannel, IControl
{
    // Records taken from librdkafka per poll before commands and pauses get another look.
    private const int MaxRecordsPerPoll = 1000;

    private static readonly TimeSpan BackpressureCheckInterval = TimeSpan.FromMilliseconds(5);

    private readonly ConsumerSettings<TKey, TValue> _settings;
    private readonly Subscription _subscription;
    private readonly ConsumerCommandQueue _commands = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<TopicPartition, int> _peakBuffered = new();
    private readonly string _name;

    // Poll-thread state. The consumer, its assignment and its commits are created when the thread
    // starts; commands only run after that.
    private IConsumer<TKey, TValue>? _consumer;
    private ConsumerAssignment<TKey, TValue>? _partitions;
    private ConsumerPendingCommits? _commits;
    private ConsumerCommitThread? _commitThread;

    // Closing runs on a thread of its own and triggers the rebalance handlers there; once the poll
    // thread has moved on (handed the consumer off), they must not touch the poll-thread state.
    private readonly object _pollThreadState = new();
    private bool _handedOff;
    private IConsumerListener<TKey, TValue>? _listener;
    private ILoggingAdapter _log = NoLogger.Instance;
    // An error the client reported that fails the source (fatal, or failing by the decider).
    private Error? _sourceFailure;
    private bool _stopping;

    private volatile bool _shutdownRequested;

    // Stopwatch timestamp by which the consumer closes once shut down, in-flight commits or not.
    private long _closeBy = long.MaxValue;
    private volatile IReadOnlyCollection<TopicPartition> _assigned = [];
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

    public IReadOnlyCollection<TopicPartition> AssignedPartitions => _assigned;

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
        _commands.Enqueue(StopEmitting, _ => { });
        return _stopped.Task;
    }

    public Task Shutdown() => Shutdown(_settings.StopTimeout);

    public async Task<T> DrainAndShutdown<T>(Task<T> streamCompletion)
    {
        ArgumentNullException.ThrowIfNull(streamCompletion);
        var clock = Stopwatch.StartNew();
        await Stop().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource();
        var finished = await Task.WhenAny(streamCompletion, Task.Delay(_settings.StopTimeout, timeout.Token)).ConfigureAwait(false);
        await timeout.CancelAsync().ConfigureAwait(false);

        // The stream had its stop-timeout: what it has not committed by now is not waited for again.
        var left = finished == streamCompletion ? _settings.StopTimeout - clock.Elapsed : TimeSpan.Zero;
        await Shutdown(left > TimeSpan.Zero ? left : TimeSpan.Zero).ConfigureAwait(false);
        if (finished != streamCompletion)
        {
            throw new TimeoutException($"The stream did not complete within stop-timeout ({_settings.StopTimeout}); the consumer of group '{GroupId}' was closed anyway.");
        }

        return await streamCompletion.ConfigureAwait(false);
    }

    /// <summary>
    /// Stops emitting, then keeps the consumer serving commits until every record emitted has been
    /// handed to the committer and committed, or <paramref name="drainBound"/> has passed, then closes it.
    /// </summary>
    private Task Shutdown(TimeSpan drainBound)
    {
        var closeBy = Stopwatch.GetTimestamp() + ToTicks(drainBound);
        var current = Interlocked.Read(ref _closeBy);
        while (closeBy < current)
        {
            var seen = Interlocked.CompareExchange(ref _closeBy, closeBy, current);
            if (seen == current)
            {
                break;
            }

            current = seen;
        }

        _shutdownRequested = true;
        if (Volatile.Read(ref _started) == 0 && Interlocked.Exchange(ref _started, 1) == 0)
        {
            // Never started (the source was not run): there is no consumer to close.
            Terminate(error: null);
        }

        return _closed.Task;
    }

    public Task<IReadOnlyList<PartitionLag>> GetPartitionLagAsync(CancellationToken cancellationToken = default)
    {
        var result = new TaskCompletionSource<IReadOnlyList<PartitionLag>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _commands.Enqueue(
            () =>
            {
                try
                {
                    result.TrySetResult(PartitionLagReader.Read(_consumer!, _partitions!, _settings.CommitTimeout));
                }
                catch (KafkaException e)
                {
                    result.TrySetException(e);
                }
            },
            error => result.TrySetException(new InvalidOperationException("The consumer is closed.", error)));
        return cancellationToken.CanBeCanceled ? result.Task.WaitAsync(cancellationToken) : result.Task;
    }

    public Task CommitAsync(IReadOnlyList<CommittableOffset> offsets)
    {
        var result = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var deadline = Stopwatch.GetTimestamp() + ToTicks(_settings.CommitTimeout);
        _commands.Enqueue(
            () =>
            {
                _partitions!.NoteHandedToCommitter(offsets);
                _commits!.Add(offsets, result, deadline);
            },
            error => result.TrySetException(new CommitFailedException($"The consumer of group '{GroupId}' is closed; {offsets.Count} offset(s) were not committed.", error)));
        return result.Task;
    }

    private void Run()
    {
        Exception? failure = null;
        LiveConsumers.Started(GroupId);
        try
        {
            _consumer = ConsumerClientFactory.Create(_settings, _log, new ConsumerClientHandlers(OnClientError, OnAssigned, OnRevoked));
            _partitions = new ConsumerAssignment<TKey, TValue>(_consumer, this, _settings.BufferSize, _settings.SubSourceCancellation, _peakBuffered, _log);
            _commitThread = new ConsumerCommitThread(_name);
            _commits = new ConsumerPendingCommits(_consumer.Commit, _partitions.IsCurrent, GroupId, _name, _settings.CommitTimeout, _settings.CommitRetryInterval, _log, _commitThread.Submit);
            _consumer.Subscribe(_subscription.Topics);
            _log.Debug("Consumer {0} subscribed to {1}", _name, _subscription);
            while (!_shutdownRequested)
            {
                _commands.RunAll();
                EmitReplacementsOfCancelled();
                _partitions.AdjustPauses();
                _commits.CommitDue();
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
            // Nothing is committed from here on, not even by the revoke that closing triggers.
            _commits?.FailAll(failure ?? new CommitFailedException($"The consumer of group '{GroupId}' is closed."));

            // The sub-sources fail with the consumer's error before closing revokes their partitions,
            // which would complete them as if nothing had gone wrong.
            _partitions?.Release(failure);
            ReleaseConsumer(leaveGroup: failure is null);
            Terminate(failure);
        }
    }

    private void Poll()
    {
        // While a partition waits for its sub-stream to catch up, look at the buffers more often
        // than poll-timeout: a drained buffer resumes its partition within milliseconds.
        var timeout = _partitions!.AnyPausedForBackpressure && _settings.PollTimeout > BackpressureCheckInterval ? BackpressureCheckInterval : _settings.PollTimeout;
        var result = ConsumeOnce(timeout);
        var taken = 0;
        while (result is not null)
        {
            _partitions.Deliver(result);
            if (++taken >= MaxRecordsPerPoll || _shutdownRequested)
            {
                break;
            }

            result = ConsumeOnce(TimeSpan.Zero);
        }

        _partitions.ApplyNewAssignments();
        _partitions.FlushSignals();
        if (_sourceFailure is { } failure)
        {
            throw new KafkaException(failure);
        }
    }

    private ConsumeResult<TKey, TValue>? ConsumeOnce(TimeSpan timeout)
    {
        try
        {
            return _consumer!.Consume(timeout);
        }
        catch (ConsumeException e) when (!FailsTheSource(e.Error))
        {
            // librdkafka recovers by itself (broker down, leader moving), or the decider skips the record.
            _log.Warning("Consumer {0}: {1}", _name, e.Error);
            return null;
        }
    }

    // librdkafka's error callback (poll thread): an error that fails the source is thrown after this poll.
    private void OnClientError(Error error)
    {
        if (FailsTheSource(error))
        {
            _sourceFailure ??= error;
        }
        else
        {
            _log.Warning("Consumer {0}: {1}", _name, error);
        }
    }

    private bool FailsTheSource(Error error) => error.IsFatal || _settings.ConsumeErrorDecider(error) == ConsumeErrorDirective.Fail;

    private void OnAssigned(List<TopicPartition> partitions)
    {
        lock (_pollThreadState)
        {
            if (!_handedOff)
            {
                Assigned(partitions);
            }
        }
    }

    private void OnRevoked(List<TopicPartition> partitions, bool lost)
    {
        lock (_pollThreadState)
        {
            if (!_handedOff)
            {
                Revoked(partitions, lost);
            }
        }
    }

    private void Assigned(List<TopicPartition> partitions)
    {
        var emitted = _partitions!.Assign(partitions, _stopping);
        UpdateAssignment();
        _log.Info("Consumer {0} assigned {1}", _name, string.Join(", ", partitions));
        if (emitted.Count > 0)
        {
            _listener!.OnAssigned(emitted);
        }
    }

    private void Revoked(List<TopicPartition> partitions, bool lost)
    {
        // Stop emitting first: once this handler returns, the partition may be fetched by its next owner.
        var revoked = _partitions!.CloseRevoked(partitions);
        if (!lost)
        {
            _commits!.CommitBeforeRevoke(revoked);
        }

        _partitions.Remove(partitions);
        _commits!.DropStale();
        UpdateAssignment();
        _log.Info("Consumer {0} {1} {2}", _name, lost ? "lost" : "revoked", string.Join(", ", partitions));
        if (revoked.Count > 0)
        {
            _listener!.OnRevoked(revoked);
        }
    }

    private void EmitReplacementsOfCancelled()
    {
        var replacements = _partitions!.ReplaceCancelled(_stopping);
        if (replacements.Count > 0)
        {
            _listener!.OnAssigned(replacements);
        }
    }

    private void UpdateAssignment() => _assigned = _partitions!.Partitions.ToArray();

    private void StopEmitting()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _partitions!.CloseAll();
        _log.Info("Consumer {0} stopped emitting", _name);
        _listener!.OnStopped();
        _stopped.TrySetResult();
    }

    private void CloseConsumer()
    {
        StopEmitting();

        // The sub-streams still finish the records they were emitted and commit them (a failing one
        // or a Shutdown() does not cut off the others' commits): keep polling, to stay in the group,
        // and serving commits until all of that is committed or the drain bound has passed.
        while (true)
        {
            _commands.RunAll();
            _commits!.CommitDue();
            var drained = _commits.IsEmpty && _partitions!.EverythingEmittedHandedToCommitter();
            if (drained || Stopwatch.GetTimestamp() >= Interlocked.Read(ref _closeBy))
            {
                if (!drained)
                {
                    _log.Warning("Consumer {0} closes with records emitted but not committed: the stream did not commit them within stop-timeout ({1})", _name, _settings.StopTimeout);
                }

                break;
            }

            _partitions!.AdjustPauses();
            Poll();
        }

        _commits.FailAll(new CommitFailedException($"The consumer of group '{GroupId}' closed before these offsets could be committed."));
    }

    // Closes (leaving the group) and disposes the consumer on a thread of its own: with every broker
    // down, librdkafka's close waits for the group coordinator until the session times out. The loop
    // waits close-timeout for it; past that the consumer finishes closing in the background. It is
    // disposed only once no commit runs on it any more (closing ends a commit's wait for the coordinator).
    private void ReleaseConsumer(bool leaveGroup)
    {
        var consumer = _consumer;
        var commitThread = _commitThread;
        var closer = new Thread(() =>
        {
            try
            {
                if (consumer is null)
                {
                    return;
                }

                if (leaveGroup || commitThread?.Stop(TimeSpan.Zero) == false)
                {
                    Close(consumer);
                }

                if (commitThread?.Stop(Timeout.InfiniteTimeSpan) != false)
                {
                    Dispose(consumer);
                }
            }
            finally
            {
                LiveConsumers.Ended(GroupId);
            }
        })
        {
            IsBackground = true,
            Name = $"kafka-close-{_name}",
        };
        closer.Start();
        if (closer.Join(_settings.CloseTimeout))
        {
            _log.Info("Consumer {0} closed", _name);
        }
        else
        {
            lock (_pollThreadState)
            {
                _handedOff = true;
            }

            _log.Warning("Consumer {0} did not close within close-timeout ({1}), the brokers may be unreachable; it finishes closing in the background", _name, _settings.CloseTimeout);
        }
    }

    private void Close(IConsumer<TKey, TValue> consumer)
    {
        try
        {
            consumer.Close();
        }
        catch (Exception e) when (e is KafkaException or ObjectDisposedException)
        {
            _log.Warning("Closing the consumer of group {0} failed: {1}", GroupId, e.Message);
        }
    }

    private void Dispose(IConsumer<TKey, TValue> consumer)
    {
        try
        {
            consumer.Dispose();
        }
        catch (Exception e) when (e is KafkaException or ObjectDisposedException)
        {
            _log.Warning("Disposing the consumer of group {0} failed: {1}", GroupId, e.Message);
        }
    }

    // On the poll thread as it ends, or on the thread calling Shutdown when the loop never started
    // (then there is no poll-thread state yet).
    private void Terminate(Exception? error)
    {
        lock (_pollThreadState)
        {
            _handedOff = true;
            TerminateLocked(error);
        }
    }

    private void TerminateLocked(Exception? error)
    {
        _commands.Terminate(error);
        _partitions?.Release(error);
        _assigned = [];
        _commits?.FailAll(error ?? new CommitFailedException($"The consumer of group '{GroupId}' is closed."));
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

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
