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
/// tells whether an offset comes from its partition's current assignment; <paramref name="runCommit"/>
/// runs one commit call and says when it is done (off the poll thread in the loop, inline when null).
/// One commit is in flight at a time; requests arriving meanwhile go out together with the next.
/// </summary>
internal sealed class ConsumerPendingCommits(
    Action<IEnumerable<TopicPartitionOffset>> commit,
    Func<CommittableOffset, bool> isCurrent,
    string groupId,
    string name,
    TimeSpan commitTimeout,
    TimeSpan commitRetryInterval,
    ILoggingAdapter log,
    Func<Action, Task>? runCommit = null)
{
    private readonly List<CommitRequest> _requests = [];
    private readonly Func<Action, Task> _runCommit = runCommit ?? RunInline;
    private Attempt? _inFlight;
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

    /// <summary>
    /// Takes in the result of the commit in flight, if it has come; then, unless one is still in
    /// flight or a retry is not due yet, commits every pending offset. Fails requests past their deadline.
    /// </summary>
    public void CommitDue()
    {
        if (_inFlight is { } inFlight)
        {
            if (!inFlight.Task.IsCompleted)
            {
                FailOverdue();
                return;
            }

            _inFlight = null;
            Conclude(inFlight);
        }

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

        var offsets = highest.Select(p => new TopicPartitionOffset(p.Key, p.Value)).ToList();
        var attempt = new Attempt(highest, _runCommit(() => commit(offsets)));
        if (attempt.Task.IsCompleted)
        {
            Conclude(attempt);
        }
        else
        {
            _inFlight = attempt;
        }
    }

    /// <summary>Fails every request still pending with <paramref name="cause"/>.</summary>
    public void FailAll(Exception cause) => Fail(_ => true, cause);

    // Rebalances, leader moves and coordinator changes pass; only errors that cannot heal fail the commit.
    private static bool IsRetriable(Error error) =>
        !error.IsFatal && error.Code is not (
            ErrorCode.GroupAuthorizationFailed or ErrorCode.TopicAuthorizationFailed or ErrorCode.OffsetMetadataTooLarge
            or ErrorCode.InvalidCommitOffsetSize or ErrorCode.Local_InvalidArg or ErrorCode.InvalidGroupId);

    private static Task RunInline(Action run)
    {
        try
        {
            run();
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    private void Conclude(Attempt attempt)
    {
        switch (attempt.Task.Exception?.InnerException)
        {
            case null:
                RemoveCommitted(attempt, _ => true);
                _lastError = null;
                break;
            case TopicPartitionOffsetException e:
                var failed = e.Results.Where(r => r.Error.IsError).ToDictionary(r => r.TopicPartition, r => r.Error);
                RemoveCommitted(attempt, partition => !failed.ContainsKey(partition));
                if (failed.Values.Any(error => !IsRetriable(error)))
                {
                    Fail(r => r.Pending.Exists(o => failed.TryGetValue(o.Partition, out var error) && !IsRetriable(error)), e);
                }
                else
                {
                    ScheduleRetry(e);
                }

                break;
            case KafkaException e when IsRetriable(e.Error):
                ScheduleRetry(e);
                break;
            case var e:
                Fail(_ => true, e);
                break;
        }

        CompleteDone();
        FailOverdue();
    }

    // Offsets at or below what the attempt committed for a partition are done; later ones stay pending.
    private void RemoveCommitted(Attempt attempt, Func<TopicPartition, bool> committed)
    {
        foreach (var request in _requests)
        {
            request.Pending.RemoveAll(o => committed(o.Partition) && attempt.Highest.TryGetValue(o.Partition, out var next) && o.Offset < next);
        }
    }

    private void FailOverdue()
    {
        var now = Stopwatch.GetTimestamp();
        Fail(r => r.Deadline < now, _lastError);
    }

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

    // One commit call: the offsets (already + 1) it commits per partition, and its outcome.
    private sealed record Attempt(Dictionary<TopicPartition, long> Highest, Task Task);

    private sealed class CommitRequest(IReadOnlyList<CommittableOffset> offsets, TaskCompletionSource result, long deadline)
    {
        public List<CommittableOffset> Pending { get; } = [.. offsets];

        public TaskCompletionSource Result { get; } = result;

        public long Deadline { get; } = deadline;
    }
}
