using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Messages;

namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>
/// Records of one partition between the poll thread (which adds them) and the partition's
/// sub-source stage (which takes them). The poll loop pauses the partition when the buffer is full,
/// and closing it (revoke, stop, shutdown) drops what is left so that nothing of a partition that
/// moved away is emitted afterwards: the stage only ever takes under the same lock. The buffer
/// remembers the last offset its stage emitted: where a replacement sub-source starts after a
/// cancel, and what the consumer waits to see committed before it closes.
/// </summary>
internal sealed class ConsumerPartitionBuffer<TKey, TValue>
{
    private readonly Lock _lock = new();
    private readonly Queue<CommittableMessage<TKey, TValue>> _records = new();
    private Action? _onChange;
    private bool _waiting;
    private bool _signalPending;
    private bool _closed;
    private Exception? _failure;
    private int _peak;
    private long _lastTaken = -1;

    public ConsumerPartitionBuffer(TopicPartition partition, int assignmentEpoch)
    {
        Partition = partition;
        AssignmentEpoch = assignmentEpoch;
    }

    public TopicPartition Partition { get; }

    public int AssignmentEpoch { get; }

    /// <summary>True while the poll loop holds the partition paused because this buffer is full (poll thread only).</summary>
    public bool PausedForBackpressure { get; set; }

    /// <summary>Offset after the last record added, or -1 (poll thread only).</summary>
    public long NextOffset { get; set; } = -1;

    /// <summary>True once the poll loop paused the partition for good (stage cancelled, poll thread only).</summary>
    public bool PausedForGood { get; set; }

    /// <summary>True once the poll loop left the partition paused after a cancel, not replacing this buffer (poll thread only).</summary>
    public bool LeftPaused { get; set; }

    /// <summary>Offset of the first record added, or -1 (poll thread only).</summary>
    public long FirstOffset { get; private set; } = -1;

    /// <summary>Offset of the first record that arrived after the stage cancelled, or -1 (poll thread only).</summary>
    public long FirstDroppedOffset { get; set; } = -1;

    /// <summary>Offset of the last record the stage emitted, or -1.</summary>
    public long LastTakenOffset
    {
        get
        {
            lock (_lock)
            {
                return _lastTaken;
            }
        }
    }

    /// <summary>
    /// Where a replacement for a cancelled sub-source starts: the first record this one did not emit,
    /// or -1 when no record of this assignment was seen yet (poll thread only).
    /// </summary>
    public long ResumeOffset
    {
        get
        {
            var lastTaken = LastTakenOffset;
            return lastTaken >= 0 ? lastTaken + 1 : FirstOffset >= 0 ? FirstOffset : FirstDroppedOffset;
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>Most records this buffer ever held at once (for tests of the bound).</summary>
    public int Peak
    {
        get
        {
            lock (_lock)
            {
                return _peak;
            }
        }
    }

    public bool IsClosed
    {
        get
        {
            lock (_lock)
            {
                return _closed;
            }
        }
    }

    /// <summary>True when the stage cancelled (downstream no longer wants this partition).</summary>
    public bool IsCancelled { get; private set; }

    /// <summary>
    /// True when the stage was cancelled because its downstream failed: the records it emitted will
    /// not be committed, so closing the consumer does not wait for them.
    /// </summary>
    public bool CancelledByFailure { get; private set; }

    /// <summary>Adds a record (poll thread); returns the new count, or -1 when the buffer is closed.</summary>
    public int Add(CommittableMessage<TKey, TValue> message)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return -1;
            }

            if (FirstOffset < 0)
            {
                FirstOffset = message.Record.Offset.Value;
            }

            _records.Enqueue(message);
            _peak = Math.Max(_peak, _records.Count);
            if (_waiting)
            {
                _waiting = false;
                _signalPending = true;
            }

            return _records.Count;
        }
    }

    /// <summary>Wakes the stage if it waited for records that have arrived since (once per poll batch).</summary>
    public void FlushSignal()
    {
        Action? signal = null;
        lock (_lock)
        {
            if (_signalPending)
            {
                _signalPending = false;
                signal = _onChange;
            }
        }

        signal?.Invoke();
    }

    /// <summary>
    /// Closes the buffer and drops the records not yet taken. With <paramref name="failure"/> the
    /// stage fails, otherwise it completes.
    /// </summary>
    public void Close(Exception? failure = null)
    {
        Action? signal;
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _failure = failure;
            _records.Clear();
            signal = _onChange;
        }

        signal?.Invoke();
    }

    /// <summary>
    /// The stage no longer wants records: the poll loop emits the partition again from
    /// <see cref="ResumeOffset"/>, or pauses it once the consumer stopped emitting.
    /// </summary>
    /// <param name="failed">True when the downstream failed (rather than completed or cancelled on purpose).</param>
    public void Cancel(bool failed)
    {
        lock (_lock)
        {
            IsCancelled = !_closed;
            CancelledByFailure = failed;
            _closed = true;
            _records.Clear();
            _onChange = null;
        }
    }

    /// <summary>Connects the stage; <paramref name="onChange"/> is called (from the poll thread) when records arrive or the buffer closes.</summary>
    public void Attach(Action onChange)
    {
        lock (_lock)
        {
            if (_onChange is not null)
            {
                throw new InvalidOperationException($"The sub-source of {Partition} can be materialized only once.");
            }

            _onChange = onChange;
        }
    }

    /// <summary>Takes the next record, or says why there is none.</summary>
    public TakeResult TryTake(out CommittableMessage<TKey, TValue>? message, out Exception? failure)
    {
        lock (_lock)
        {
            failure = _failure;
            if (_records.TryDequeue(out message))
            {
                _lastTaken = message.Record.Offset.Value;
                return TakeResult.Record;
            }

            if (_closed)
            {
                return TakeResult.Closed;
            }

            _waiting = true;
            return TakeResult.Empty;
        }
    }

    public enum TakeResult
    {
        Record,
        Empty,
        Closed,
    }
}
