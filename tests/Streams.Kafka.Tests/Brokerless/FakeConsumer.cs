using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Internal;

namespace SignupEmail.Streams.Kafka.Tests.Brokerless;

/// <summary>
/// A Confluent consumer without a broker, behind <c>ConsumerSettings.ClientFactory</c> (like
/// alpakka-kafka's ConsumerMock): the test decides which partitions are assigned, which records each
/// holds and which errors come, and sees what the stage paused, resumed, sought and committed. Rebalance
/// events and errors happen inside <see cref="Consume(TimeSpan)"/>, on the poll thread, as librdkafka
/// does. Partition <c>p</c>'s record at offset <c>o</c> has the value <c>"p{p}-{o}"</c>.
/// </summary>
internal sealed class FakeConsumer : IConsumer<string, string>
{
    private readonly object _lock = new();
    private readonly string _topic;
    private readonly Dictionary<TopicPartition, long> _logEnds = [];
    private readonly Dictionary<TopicPartition, long> _positions = [];
    private readonly Dictionary<TopicPartition, long> _committed = [];
    private readonly HashSet<TopicPartition> _paused = [];
    private readonly Queue<Action> _inNextPoll = new();
    private readonly List<IReadOnlyList<TopicPartitionOffset>> _commits = [];
    private readonly List<TopicPartitionOffset> _seeks = [];
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private List<TopicPartition> _assignment = [];
    private ConsumerClientHandlers? _handlers;
    private int _nextPartition;

    public FakeConsumer(string topic) => _topic = topic;

    /// <summary>Completes once the stage subscribed: the poll loop runs.</summary>
    public Task Subscribed => _subscribed.Task;

    /// <summary>Decides the outcome of each commit call: null commits, an exception is thrown by it.</summary>
    public Func<IReadOnlyList<TopicPartitionOffset>, Exception?> CommitAnswer { get; set; } = _ => null;

    public bool IsClosed { get; private set; }

    public bool IsDisposed { get; private set; }

    public IReadOnlyCollection<int> PausedPartitions
    {
        get
        {
            lock (_lock)
            {
                return _paused.Select(p => p.Partition.Value).Order().ToList();
            }
        }
    }

    /// <summary>Every commit call that succeeded, with the offsets (already + 1) it committed.</summary>
    public IReadOnlyList<IReadOnlyList<TopicPartitionOffset>> Commits
    {
        get
        {
            lock (_lock)
            {
                return [.. _commits];
            }
        }
    }

    public IReadOnlyList<TopicPartitionOffset> Seeks
    {
        get
        {
            lock (_lock)
            {
                return [.. _seeks];
            }
        }
    }

    public string Name => "fake";

    public Handle Handle => throw new NotSupportedException();

    public string MemberId => "fake-member";

    public List<TopicPartition> Assignment
    {
        get
        {
            lock (_lock)
            {
                return [.. _assignment];
            }
        }
    }

    public List<string> Subscription => [_topic];

    public IConsumerGroupMetadata ConsumerGroupMetadata => throw new NotSupportedException();

    /// <summary>The settings' client factory: the stage gets this consumer, and it gets the stage's handlers.</summary>
    public IConsumer<string, string> Connect(ConsumerClientHandlers handlers)
    {
        _handlers = handlers;
        return this;
    }

    public TopicPartition Partition(int partition) => new(_topic, partition);

    /// <summary>Appends <paramref name="count"/> records to <paramref name="partition"/>.</summary>
    public void Append(int partition, int count)
    {
        lock (_lock)
        {
            var tp = Partition(partition);
            _logEnds[tp] = _logEnds.GetValueOrDefault(tp) + count;
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>The group assigns these partitions (in the next poll); each starts at its committed offset.</summary>
    public void Assign(params int[] partitions) => InNextPoll(() =>
    {
        var assigned = partitions.Select(Partition).ToList();
        lock (_lock)
        {
            _assignment = [.. _assignment.Union(assigned)];
            foreach (var tp in assigned)
            {
                _positions[tp] = _committed.GetValueOrDefault(tp, 0);
            }
        }

        _handlers!.OnAssigned(assigned);
    });

    /// <summary>The group revokes these partitions (in the next poll), or they are lost.</summary>
    public void Revoke(bool lost = false, params int[] partitions) => InNextPoll(() =>
    {
        var revoked = partitions.Select(Partition).ToList();
        _handlers!.OnRevoked(revoked, lost);
        lock (_lock)
        {
            _assignment = [.. _assignment.Except(revoked)];
            _paused.ExceptWith(revoked);
        }
    });

    /// <summary>The next poll throws a <see cref="ConsumeException"/> with <paramref name="error"/>.</summary>
    public void FailNextPoll(Error error) => InNextPoll(() => throw new ConsumeException(new ConsumeResult<byte[], byte[]>(), error));

    /// <summary>librdkafka reports <paramref name="error"/> through the error callback (in the next poll).</summary>
    public void ReportError(Error error) => InNextPoll(() => _handlers!.OnError(error));

    /// <summary>Where the next record of <paramref name="partition"/> will be read from.</summary>
    public long PositionOf(int partition)
    {
        lock (_lock)
        {
            return _positions.GetValueOrDefault(Partition(partition), -1);
        }
    }

    public ConsumeResult<string, string>? Consume(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Action? inPoll;
            lock (_lock)
            {
                _inNextPoll.TryDequeue(out inPoll);
            }

            if (inPoll is not null)
            {
                inPoll();
                continue;
            }

            lock (_lock)
            {
                if (TryTakeNext() is { } record)
                {
                    return record;
                }

                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return null;
                }

                Monitor.Wait(_lock, left);
            }
        }
    }

    public ConsumeResult<string, string>? Consume(int millisecondsTimeout) => Consume(TimeSpan.FromMilliseconds(millisecondsTimeout));

    public ConsumeResult<string, string> Consume(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public void Subscribe(IEnumerable<string> topics) => _subscribed.TrySetResult();

    public void Subscribe(string topic) => _subscribed.TrySetResult();

    public void Unsubscribe() => throw new NotSupportedException();

    public void Pause(IEnumerable<TopicPartition> partitions)
    {
        lock (_lock)
        {
            _paused.UnionWith(partitions);
        }
    }

    public void Resume(IEnumerable<TopicPartition> partitions)
    {
        lock (_lock)
        {
            _paused.ExceptWith(partitions);
            Monitor.PulseAll(_lock);
        }
    }

    public void Seek(TopicPartitionOffset tpo)
    {
        lock (_lock)
        {
            _seeks.Add(tpo);
            _positions[tpo.TopicPartition] = tpo.Offset.Value;
            Monitor.PulseAll(_lock);
        }
    }

    public void Commit(IEnumerable<TopicPartitionOffset> offsets)
    {
        var list = offsets.ToList();
        if (CommitAnswer(list) is { } failure)
        {
            throw failure;
        }

        lock (_lock)
        {
            _commits.Add(list);
            foreach (var offset in list)
            {
                _committed[offset.TopicPartition] = offset.Offset.Value;
            }
        }
    }

    public List<TopicPartitionOffset> Committed(IEnumerable<TopicPartition> partitions, TimeSpan timeout)
    {
        lock (_lock)
        {
            return partitions.Select(p => new TopicPartitionOffset(p, _committed.TryGetValue(p, out var c) ? new Offset(c) : Offset.Unset)).ToList();
        }
    }

    public List<TopicPartitionOffset> Committed(TimeSpan timeout) => Committed(Assignment, timeout);

    public Offset Position(TopicPartition partition)
    {
        lock (_lock)
        {
            return _positions.TryGetValue(partition, out var position) ? new Offset(position) : Offset.Unset;
        }
    }

    public WatermarkOffsets QueryWatermarkOffsets(TopicPartition topicPartition, TimeSpan timeout) => GetWatermarkOffsets(topicPartition);

    public WatermarkOffsets GetWatermarkOffsets(TopicPartition topicPartition)
    {
        lock (_lock)
        {
            return new WatermarkOffsets(0, _logEnds.GetValueOrDefault(topicPartition));
        }
    }

    /// <summary>Like librdkafka: closing revokes the assignment (through the handler) before leaving the group.</summary>
    public void Close()
    {
        var assigned = Assignment;
        if (assigned.Count > 0)
        {
            _handlers!.OnRevoked(assigned, false);
        }

        lock (_lock)
        {
            _assignment = [];
            IsClosed = true;
        }
    }

    public void Dispose() => IsDisposed = true;

    public void Assign(TopicPartition partition) => throw new NotSupportedException();

    public void Assign(TopicPartitionOffset partition) => throw new NotSupportedException();

    public void Assign(IEnumerable<TopicPartitionOffset> partitions) => throw new NotSupportedException();

    public void Assign(IEnumerable<TopicPartition> partitions) => throw new NotSupportedException();

    public void IncrementalAssign(IEnumerable<TopicPartitionOffset> partitions) => throw new NotSupportedException();

    public void IncrementalAssign(IEnumerable<TopicPartition> partitions) => throw new NotSupportedException();

    public void IncrementalUnassign(IEnumerable<TopicPartition> partitions) => throw new NotSupportedException();

    public void Unassign() => throw new NotSupportedException();

    public void StoreOffset(ConsumeResult<string, string> result) => throw new NotSupportedException();

    public void StoreOffset(TopicPartitionOffset offset) => throw new NotSupportedException();

    public List<TopicPartitionOffset> Commit() => throw new NotSupportedException();

    public void Commit(ConsumeResult<string, string> result) => throw new NotSupportedException();

    public List<TopicPartitionOffset> OffsetsForTimes(IEnumerable<TopicPartitionTimestamp> timestampsToSearch, TimeSpan timeout) => throw new NotSupportedException();

    public int AddBrokers(string brokers) => throw new NotSupportedException();

    public void SetSaslCredentials(string username, string password) => throw new NotSupportedException();

    private void InNextPoll(Action action)
    {
        lock (_lock)
        {
            _inNextPoll.Enqueue(action);
            Monitor.PulseAll(_lock);
        }
    }

    // Round robin over the assigned, unpaused partitions that have a record at their position.
    private ConsumeResult<string, string>? TryTakeNext()
    {
        for (var i = 0; i < _assignment.Count; i++)
        {
            var tp = _assignment[(_nextPartition + i) % _assignment.Count];
            var position = _positions.GetValueOrDefault(tp);
            if (_paused.Contains(tp) || position >= _logEnds.GetValueOrDefault(tp))
            {
                continue;
            }

            _nextPartition = (_nextPartition + i + 1) % _assignment.Count;
            _positions[tp] = position + 1;
            return new ConsumeResult<string, string>
            {
                TopicPartitionOffset = new TopicPartitionOffset(tp, position),
                Message = new Message<string, string> { Key = $"k{position}", Value = $"p{tp.Partition.Value}-{position}" },
            };
        }

        return null;
    }
}
