using System.Collections.Concurrent;
using Akka.Event;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;

namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>
/// The partitions assigned to one consumer, each with the buffer its sub-source reads (poll thread
/// only). Puts consumed records into the buffers and keeps librdkafka's pauses in line with them:
/// a full buffer pauses its partition, one drained to half resumes it, a closed one stays paused.
/// Each assignment of a partition is a new epoch, so offsets read before it moved away and back are
/// told apart from the current ones. A cancelled sub-source is replaced by a new one as
/// <paramref name="cancellation"/> says (by default starting at the first record the cancelled one
/// did not emit: no gap, no stall), or its partition stays paused. The assignment also knows
/// whether every record emitted has been handed to the committer, which closing the consumer waits for.
/// </summary>
internal sealed class ConsumerAssignment<TKey, TValue>(
    IConsumer<TKey, TValue> consumer,
    ICommitterChannel channel,
    int bufferSize,
    SubSourceCancellation cancellation,
    ConcurrentDictionary<TopicPartition, int> peakBuffered,
    ILoggingAdapter log)
{
    private readonly Dictionary<TopicPartition, ConsumerPartitionBuffer<TKey, TValue>> _buffers = [];
    private readonly List<TopicPartition> _justAssigned = [];

    // Per partition of the current assignment: the last offset emitted by sub-sources already
    // replaced, and the highest offset handed to the committer.
    private readonly Dictionary<TopicPartition, long> _emittedByReplaced = [];
    private readonly Dictionary<TopicPartition, long> _handedToCommitter = [];
    private readonly Dictionary<TopicPartition, long> _firstOfAssignment = [];
    private int _epoch;

    public IReadOnlyCollection<TopicPartition> Partitions => _buffers.Keys;

    public bool AnyPausedForBackpressure => _buffers.Values.Any(b => b.PausedForBackpressure);

    /// <summary>Offset after the last record buffered for <paramref name="partition"/>, or -1.</summary>
    public long NextOffset(TopicPartition partition) => _buffers[partition].NextOffset;

    public bool IsCurrent(CommittableOffset offset) =>
        _buffers.TryGetValue(offset.Partition, out var buffer) && buffer.AssignmentEpoch == offset.AssignmentEpoch;

    /// <summary>
    /// Starts a fresh buffer per assigned partition; returns those to emit as sub-sources (none
    /// once the consumer stopped emitting: their buffers start closed).
    /// </summary>
    public List<ConsumerPartitionBuffer<TKey, TValue>> Assign(List<TopicPartition> partitions, bool stopping)
    {
        var emitted = new List<ConsumerPartitionBuffer<TKey, TValue>>(partitions.Count);
        foreach (var partition in partitions)
        {
            _buffers.Remove(partition, out var previous);
            previous?.Close();
            _emittedByReplaced.Remove(partition);
            _handedToCommitter.Remove(partition);
            _firstOfAssignment.Remove(partition);
            var buffer = new ConsumerPartitionBuffer<TKey, TValue>(partition, ++_epoch);
            _buffers[partition] = buffer;
            _justAssigned.Add(partition);
            if (stopping)
            {
                buffer.Close();
            }
            else
            {
                emitted.Add(buffer);
            }
        }

        return emitted;
    }

    /// <summary>Closes the buffers of partitions being revoked; returns the partitions that had one.</summary>
    public List<TopicPartition> CloseRevoked(List<TopicPartition> partitions)
    {
        var revoked = new List<TopicPartition>(partitions.Count);
        foreach (var partition in partitions)
        {
            if (_buffers.TryGetValue(partition, out var buffer))
            {
                buffer.Close();
                revoked.Add(partition);
            }
        }

        return revoked;
    }

    /// <summary>Forgets revoked partitions (after <see cref="CloseRevoked"/> and the commit before the revoke).</summary>
    public void Remove(List<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            _buffers.Remove(partition);
            _emittedByReplaced.Remove(partition);
            _handedToCommitter.Remove(partition);
            _firstOfAssignment.Remove(partition);
        }

        _justAssigned.RemoveAll(partitions.Contains);
    }

    /// <summary>Closes every buffer: the sub-sources complete and nothing more is emitted.</summary>
    public void CloseAll()
    {
        foreach (var buffer in _buffers.Values)
        {
            buffer.Close();
        }
    }

    /// <summary>The consumer is gone: closes every buffer (failing the sub-sources with <paramref name="error"/>) and forgets them.</summary>
    public void Release(Exception? error)
    {
        foreach (var buffer in _buffers.Values)
        {
            buffer.Close(error);
        }

        _buffers.Clear();
    }

    /// <summary>Hands a consumed record to its partition's buffer, pausing the partition once the buffer is full.</summary>
    public void Deliver(ConsumeResult<TKey, TValue> result)
    {
        if (result.IsPartitionEOF)
        {
            return;
        }

        if (!_buffers.TryGetValue(result.TopicPartition, out var buffer) || buffer.IsClosed)
        {
            // Stopped (the partition is being paused) or cancelled (its replacement seeks back here).
            if (buffer is { IsCancelled: true, FirstDroppedOffset: < 0 })
            {
                buffer.FirstDroppedOffset = result.Offset.Value;
            }

            return;
        }

        if (buffer.Count >= bufferSize)
        {
            // Fetched before the pause took effect: read it again once the partition resumes, so the bound holds.
            consumer.Seek(result.TopicPartitionOffset);
            return;
        }

        _firstOfAssignment.TryAdd(result.TopicPartition, result.Offset.Value);
        var offset = new CommittableOffset(channel, result.TopicPartition, result.Offset.Value, buffer.AssignmentEpoch);
        var count = buffer.Add(new CommittableMessage<TKey, TValue>(result, offset));
        buffer.NextOffset = result.Offset.Value + 1;
        peakBuffered.AddOrUpdate(result.TopicPartition, count, (_, peak) => Math.Max(peak, count));
        if (count >= bufferSize && !buffer.PausedForBackpressure)
        {
            buffer.PausedForBackpressure = true;
            Pause(result.TopicPartition);
        }
    }

    /// <summary>Wakes the sub-sources that waited for records delivered since (once per poll batch).</summary>
    public void FlushSignals()
    {
        foreach (var buffer in _buffers.Values)
        {
            buffer.FlushSignal();
        }
    }

    /// <summary>
    /// Replaces the buffers whose sub-source was cancelled with fresh ones of the same assignment,
    /// positioned where <c>sub-source-cancellation</c> says; returns them, to be emitted as new
    /// sub-sources. With <see cref="SubSourceCancellation.PauseUntilRebalance"/>, or once the consumer
    /// stopped emitting, nothing is replaced and the closed buffer keeps its partition paused.
    /// </summary>
    public List<ConsumerPartitionBuffer<TKey, TValue>> ReplaceCancelled(bool stopping)
    {
        var replacements = new List<ConsumerPartitionBuffer<TKey, TValue>>();
        if (stopping)
        {
            return replacements;
        }

        foreach (var cancelled in _buffers.Values.Where(b => b.IsCancelled && !b.LeftPaused).ToList())
        {
            var partition = cancelled.Partition;
            if (cancellation == SubSourceCancellation.PauseUntilRebalance)
            {
                // The closed buffer stays: it keeps the partition paused and what it emitted counted.
                cancelled.LeftPaused = true;
                log.Warning("The sub-source of {0} was cancelled; the partition stays paused until the next rebalance (sub-source-cancellation = pause-until-rebalance)", partition);
                continue;
            }

            var emitAgain = cancelled.CancelledByFailure || cancellation == SubSourceCancellation.ReEmitUncommitted;
            var resumeAt = emitAgain ? AfterLastHandedToCommitter(partition) : cancelled.ResumeOffset;
            if (!emitAgain)
            {
                // Emitted once and for all: closing the consumer waits for these to be handed to the committer.
                _emittedByReplaced[partition] = Math.Max(_emittedByReplaced.GetValueOrDefault(partition, -1), cancelled.LastTakenOffset);
            }

            var replacement = new ConsumerPartitionBuffer<TKey, TValue>(partition, cancelled.AssignmentEpoch) { NextOffset = resumeAt };
            _buffers[partition] = replacement;
            replacements.Add(replacement);
            if (cancelled.PausedForBackpressure || cancelled.PausedForGood)
            {
                Resume(partition, resumeAt);
            }
            else if (resumeAt >= 0)
            {
                Seek(partition, resumeAt);
            }

            log.Info("The sub-source of {0} was cancelled; emitting the partition again from offset {1}", partition, resumeAt >= 0 ? resumeAt.ToString(System.Globalization.CultureInfo.InvariantCulture) : "its current position");
        }

        return replacements;
    }

    // A sub-stream that failed may not have processed what it was emitted: its replacement starts
    // after the last record handed to the committer (the failed record comes again), so that a new
    // sub-stream never commits past a record nobody processed.
    private long AfterLastHandedToCommitter(TopicPartition partition) =>
        _handedToCommitter.TryGetValue(partition, out var handed) ? handed + 1 : _firstOfAssignment.GetValueOrDefault(partition, -1);

    /// <summary>Notes offsets handed to the committer (poll thread, as the commit request arrives).</summary>
    public void NoteHandedToCommitter(IReadOnlyList<CommittableOffset> offsets)
    {
        foreach (var offset in offsets)
        {
            if (IsCurrent(offset))
            {
                _handedToCommitter[offset.Partition] = Math.Max(_handedToCommitter.GetValueOrDefault(offset.Partition, -1), offset.Offset);
            }
        }
    }

    /// <summary>
    /// True when every record emitted from a partition still assigned has been handed to the
    /// committer, except those of sub-streams that failed (they will never commit).
    /// </summary>
    public bool EverythingEmittedHandedToCommitter()
    {
        foreach (var (partition, buffer) in _buffers)
        {
            var emitted = Math.Max(_emittedByReplaced.GetValueOrDefault(partition, -1), buffer.CancelledByFailure ? -1 : buffer.LastTakenOffset);
            if (emitted > _handedToCommitter.GetValueOrDefault(partition, -1))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Resumes partitions whose sub-stream caught up; pauses those nobody reads any more.</summary>
    public void AdjustPauses()
    {
        foreach (var buffer in _buffers.Values)
        {
            if (buffer.IsClosed)
            {
                if (!buffer.PausedForGood)
                {
                    buffer.PausedForGood = true;
                    Pause(buffer.Partition);
                }
            }
            else if (buffer.PausedForBackpressure && buffer.Count <= bufferSize / 2)
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
    public void ApplyNewAssignments()
    {
        foreach (var partition in _justAssigned)
        {
            if (!_buffers.TryGetValue(partition, out var buffer))
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
            consumer.Pause([partition]);
        }
        catch (KafkaException e)
        {
            log.Warning("Could not pause {0}: {1}", partition, e.Error);
        }
    }

    private void Resume(TopicPartition partition, long nextOffset = -1)
    {
        try
        {
            consumer.Resume([partition]);
        }
        catch (KafkaException e)
        {
            log.Warning("Could not resume {0}: {1}", partition, e.Error);
        }

        if (nextOffset >= 0)
        {
            // A resumed partition is fetched again only when librdkafka's broker thread next wakes
            // up (up to a second here); a seek to where it stopped starts the fetch at once.
            Seek(partition, nextOffset);
        }
    }

    private void Seek(TopicPartition partition, long offset)
    {
        try
        {
            consumer.Seek(new TopicPartitionOffset(partition, offset));
        }
        catch (KafkaException e)
        {
            log.Warning("Could not seek {0} to {1}: {2}", partition, offset, e.Error);
        }
    }
}
