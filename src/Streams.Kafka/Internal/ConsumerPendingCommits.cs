using System.Diagnostics;
using Akka.Event;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Messages;
using Error = Confluent.Kafka.Error;

namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>
/// The commit requests a consumer has been handed and not yet carried out (poll thread only). All
/// pending offsets go out together as the highest per partition; a commit a rebalance rejects is
/// retried after <c>commit-retry-interval</c> until the request's <c>commit-timeout</c>, and offsets
/// of partitions no longer assigned are dropped rather than committed.
/// <paramref name="commit"/> commits through the consumer (offsets already + 1); <paramref name="isCurrent"/>
/// tells whether an offset comes from its partition's current assignment.
/// </summary>
internal sealed class ConsumerPendingCommits(
    Action<IEnumerable<TopicPartitionOffset>> commit,
    Func<CommittableOffset, bool> isCurrent,
    string groupId,
    string name,
    TimeSpan commitTimeout,
    TimeSpan commitRetryInterval,
    ILoggingAdapter log)
{
    private readonly List<CommitRequest> _requests = [];
    private Exception? _lastError;
    private long _nextAttempt;

    public bool IsEmpty => _requests.Count == 0;

    /// <summary>
    /// Queues a request; <paramref name="result"/> completes once its offsets are committed or dropped,
    /// and fails once <paramref name="deadline"/> (a <see cref="Stopwatch"/> timestamp) passes first.
    /// </summary>
    public void Add(IReadOnlyList<CommittableOffset> offsets, TaskCompletionSource result, long deadline) =>
        _requests.Add(new CommitRequest(offsets, result, deadline));

    /// <summary>Commits what the stream already handed over for partitions about to move, once, without retry.</summary>
    /// <param name="revoked">The partitions being revoked, while still assigned: only offsets of their current assignment count.</param>
    public void CommitBeforeRevoke(List<TopicPartition> revoked)
    {
        var highest = new Dictionary<TopicPartition, long>();
        foreach (var request in _requests)
        {
            foreach (var offset in request.Pending)
            {
                if (revoked.Contains(offset.Partition) && isCurrent(offset))
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
            commit(highest.Select(p => new TopicPartitionOffset(p.Key, p.Value)));
            log.Debug("Committed {0} before the revoke", string.Join(", ", highest));
        }
        catch (KafkaException e)
        {
            // The next owner starts from the previous commit: these records are processed again.
            log.Warning("Could not commit {0} before the revoke ({1}); those records will be redelivered", string.Join(", ", highest), e.Error);
        }
    }

    /// <summary>Offsets of partitions no longer assigned (or assigned again since) are dropped: the new owner decides.</summary>
    public void DropStale()
    {
        foreach (var request in _requests)
        {
            var dropped = request.Pending.RemoveAll(o => !isCurrent(o));
            if (dropped > 0)
            {
                log.Info("Dropped {0} offset(s) of partitions no longer assigned to this consumer", dropped);
            }
        }

        CompleteDone();
    }

    /// <summary>Commits every pending offset unless a retry is not due yet; fails requests past their deadline.</summary>
    public void CommitDue()
    {
        if (_requests.Count == 0 || Stopwatch.GetTimestamp() < _nextAttempt)
        {
            return;
        }

        DropStale();
        var highest = new Dictionary<TopicPartition, long>();
        foreach (var offset in _requests.SelectMany(r => r.Pending))
        {
            highest[offset.Partition] = Math.Max(highest.GetValueOrDefault(offset.Partition, -1), offset.Offset + 1);
        }

        if (highest.Count == 0)
        {
            return;
        }

        try
        {
            commit(highest.Select(p => new TopicPartitionOffset(p.Key, p.Value)));
            foreach (var request in _requests)
            {
                request.Pending.Clear();
            }

            _lastError = null;
        }
        catch (TopicPartitionOffsetException e)
        {
            var failed = e.Results.Where(r => r.Error.IsError).ToDictionary(r => r.TopicPartition, r => r.Error);
            foreach (var request in _requests)
            {
                request.Pending.RemoveAll(o => !failed.ContainsKey(o.Partition));
            }

            var fatal = failed.FirstOrDefault(f => !IsRetriable(f.Value));
            if (fatal.Key is not null)
            {
                Fail(r => r.Pending.Exists(o => failed.ContainsKey(o.Partition) && !IsRetriable(failed[o.Partition])), e);
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
            Fail(_ => true, e);
        }

        CompleteDone();
        var now = Stopwatch.GetTimestamp();
        Fail(r => r.Deadline < now, _lastError);
    }

    /// <summary>Fails every request still pending with <paramref name="cause"/>.</summary>
    public void FailAll(Exception cause) => Fail(_ => true, cause);

    // Rebalances, leader moves and coordinator changes pass; only errors that cannot heal fail the commit.
    private static bool IsRetriable(Error error) =>
        !error.IsFatal && error.Code is not (
            ErrorCode.GroupAuthorizationFailed or ErrorCode.TopicAuthorizationFailed or ErrorCode.OffsetMetadataTooLarge
            or ErrorCode.InvalidCommitOffsetSize or ErrorCode.Local_InvalidArg or ErrorCode.InvalidGroupId);

    private void CompleteDone()
    {
        _requests.RemoveAll(request =>
        {
            if (request.Pending.Count > 0)
            {
                return false;
            }

            request.Result.TrySetResult();
            return true;
        });
    }

    private void ScheduleRetry(KafkaException error)
    {
        _lastError = error;
        _nextAttempt = Stopwatch.GetTimestamp() + (long)(commitRetryInterval.TotalSeconds * Stopwatch.Frequency);
        log.Info("Commit of {0} rejected ({1}); retrying in {2}", name, error.Error, commitRetryInterval);
    }

    private void Fail(Predicate<CommitRequest> which, Exception? cause)
    {
        _requests.RemoveAll(request =>
        {
            if (!which(request))
            {
                return false;
            }

            var message = cause is null
                ? $"Commit of group '{groupId}' timed out after {commitTimeout}."
                : $"Commit of group '{groupId}' failed: {cause.Message}";
            request.Result.TrySetException(new CommitFailedException(message, cause));
            return true;
        });
    }

    private sealed class CommitRequest(IReadOnlyList<CommittableOffset> offsets, TaskCompletionSource result, long deadline)
    {
        public List<CommittableOffset> Pending { get; } = [.. offsets];

        public TaskCompletionSource Result { get; } = result;

        public long Deadline { get; } = deadline;
    }
}
