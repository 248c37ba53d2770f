using System.Diagnostics;
using Akka.Event;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Internal;
using SignupEmail.Streams.Kafka.Messages;
using Error = Confluent.Kafka.Error;

namespace SignupEmail.Streams.Kafka.Tests;

/// <summary>
/// How the poll loop merges, retries, drops and fails commit requests, without a cluster: the
/// consumer's commit call is replaced by a recorder that can be told to throw.
/// </summary>
public sealed class PendingCommitsSpec
{
    private static readonly TopicPartition P0 = new("signups", 0);
    private static readonly TopicPartition P1 = new("signups", 1);
    private static readonly TimeSpan Never = TimeSpan.FromHours(1);

    private readonly List<List<TopicPartitionOffset>> _commits = [];
    private readonly Dictionary<TopicPartition, int> _epochs = new() { [P0] = 1, [P1] = 1 };
    private readonly Channel _channel = new();
    private Func<List<TopicPartitionOffset>, Exception?> _answer = _ => null;

    [Fact]
    public void Pending_offsets_of_all_requests_go_out_in_one_commit_as_the_highest_plus_one_per_partition()
    {
        var commits = Create();
        var first = Add(commits, Offset(P0, 4), Offset(P1, 7));
        var second = Add(commits, Offset(P0, 9), Offset(P0, 2));

        commits.CommitDue();

        var commit = Assert.Single(_commits);
        Assert.Equal([new TopicPartitionOffset(P0, 10), new TopicPartitionOffset(P1, 8)], commit.OrderBy(o => o.Partition.Value));
        Assert.True(first.Task.IsCompletedSuccessfully);
        Assert.True(second.Task.IsCompletedSuccessfully);
        Assert.True(commits.IsEmpty);
    }

    [Fact]
    public void A_commit_a_rebalance_rejects_is_not_tried_again_before_the_retry_interval()
    {
        var commits = Create(retryInterval: Never);
        var request = Add(commits, Offset(P0, 4));
        _answer = _ => new KafkaException(ErrorCode.RebalanceInProgress);

        commits.CommitDue();
        commits.CommitDue();

        Assert.Single(_commits);
        Assert.False(request.Task.IsCompleted);
    }

    [Fact]
    public void A_commit_a_rebalance_rejects_goes_out_again_once_the_retry_interval_passed()
    {
        var commits = Create(retryInterval: TimeSpan.Zero);
        var request = Add(commits, Offset(P0, 4));
        _answer = _ => _commits.Count == 1 ? new KafkaException(ErrorCode.RebalanceInProgress) : null;

        commits.CommitDue();
        Assert.False(request.Task.IsCompleted);
        commits.CommitDue();

        Assert.Equal(2, _commits.Count);
        Assert.Equal(_commits[0], _commits[1]);
        Assert.True(request.Task.IsCompletedSuccessfully);
    }

    [Fact]
    public void An_error_that_cannot_heal_fails_every_pending_request()
    {
        var commits = Create();
        var first = Add(commits, Offset(P0, 4));
        var second = Add(commits, Offset(P1, 4));
        _answer = _ => new KafkaException(ErrorCode.GroupAuthorizationFailed);

        commits.CommitDue();

        var error = Failure(first);
        Assert.Contains("'group-a'", error.Message, StringComparison.Ordinal);
        Assert.IsType<KafkaException>(error.InnerException);
        Failure(second);
        Assert.True(commits.IsEmpty);
    }

    [Fact]
    public void When_only_some_partitions_fail_the_rest_count_as_committed()
    {
        var commits = Create(retryInterval: TimeSpan.Zero);
        var both = Add(commits, Offset(P0, 4), Offset(P1, 4));
        var onlyP0 = Add(commits, Offset(P0, 5));
        var onlyP1 = Add(commits, Offset(P1, 5));
        _answer = commit => _commits.Count == 1 ? PartlyFailed(commit, P1, ErrorCode.RebalanceInProgress) : null;

        commits.CommitDue();

        Assert.True(onlyP0.Task.IsCompletedSuccessfully);
        Assert.False(both.Task.IsCompleted);
        Assert.False(onlyP1.Task.IsCompleted);

        commits.CommitDue();

        Assert.Equal([new TopicPartitionOffset(P1, 6)], _commits[1]);
        Assert.True(both.Task.IsCompletedSuccessfully);
        Assert.True(onlyP1.Task.IsCompletedSuccessfully);

        // A partition that fails for good fails only the requests that still wait for it.
        var p0Again = Add(commits, Offset(P0, 6));
        var p1Again = Add(commits, Offset(P1, 6));
        _answer = commit => PartlyFailed(commit, P1, ErrorCode.TopicAuthorizationFailed);

        commits.CommitDue();

        Assert.True(p0Again.Task.IsCompletedSuccessfully);
        Failure(p1Again);
    }

    [Fact]
    public void Offsets_of_partitions_no_longer_assigned_or_assigned_again_since_are_dropped_not_committed()
    {
        var commits = Create();
        var stale = Add(commits, Offset(P0, 4));
        var mixed = Add(commits, Offset(P0, 5), Offset(P1, 3));
        _epochs[P0] = 2;

        commits.CommitDue();

        Assert.Equal([new TopicPartitionOffset(P1, 4)], Assert.Single(_commits));
        Assert.True(stale.Task.IsCompletedSuccessfully);
        Assert.True(mixed.Task.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_request_still_rejected_after_its_deadline_fails_with_the_last_error()
    {
        var commits = Create(retryInterval: TimeSpan.Zero);
        var expired = new TaskCompletionSource();
        commits.Add([Offset(P0, 4)], expired, Stopwatch.GetTimestamp() - 1);
        var current = Add(commits, Offset(P1, 4));
        _answer = _ => new KafkaException(ErrorCode.RebalanceInProgress);

        commits.CommitDue();

        var error = Failure(expired);
        Assert.Equal(ErrorCode.RebalanceInProgress, Assert.IsType<KafkaException>(error.InnerException).Error.Code);
        Assert.False(current.Task.IsCompleted);
    }

    [Fact]
    public void Before_a_revoke_only_the_revoked_partitions_current_offsets_are_committed_and_the_requests_stay_pending()
    {
        var commits = Create();
        var request = Add(commits, Offset(P0, 4), Offset(P1, 8), Offset(P0, 6, epoch: 0));

        commits.CommitBeforeRevoke([P0]);

        Assert.Equal([new TopicPartitionOffset(P0, 5)], Assert.Single(_commits));
        Assert.False(request.Task.IsCompleted);

        // A failed commit before the revoke is only logged: the next owner reads those records again.
        _answer = _ => new KafkaException(ErrorCode.RebalanceInProgress);
        commits.CommitBeforeRevoke([P1]);

        Assert.Equal(2, _commits.Count);
        Assert.False(request.Task.IsCompleted);
    }

    [Fact]
    public void Failing_all_fails_every_pending_request_with_the_cause()
    {
        var commits = Create();
        var request = Add(commits, Offset(P0, 4));

        commits.FailAll(new CommitFailedException("closed"));

        var error = Failure(request);
        Assert.Equal("closed", error.InnerException!.Message);
        Assert.True(commits.IsEmpty);
        commits.CommitDue();
        Assert.Empty(_commits);
    }

    // The requests complete synchronously inside the call under test: a task still running is a failure, not a wait.
    private static CommitFailedException Failure(TaskCompletionSource request)
    {
        Assert.True(request.Task.IsFaulted, $"expected the request to have failed, it is {request.Task.Status}");
        return Assert.IsType<CommitFailedException>(request.Task.Exception!.InnerException);
    }

    private static TopicPartitionOffsetException PartlyFailed(List<TopicPartitionOffset> commit, TopicPartition failing, ErrorCode code) =>
        new(commit.ConvertAll(o => new TopicPartitionOffsetError(o, o.Partition == failing.Partition ? new Error(code) : new Error(ErrorCode.NoError))));

    private ConsumerPendingCommits Create(TimeSpan? retryInterval = null) => new(
        offsets =>
        {
            var commit = offsets.ToList();
            _commits.Add(commit);
            if (_answer(commit) is { } error)
            {
                throw error;
            }
        },
        offset => _epochs.TryGetValue(offset.Partition, out var epoch) && epoch == offset.AssignmentEpoch,
        _channel.GroupId,
        "group-a/test",
        TimeSpan.FromSeconds(30),
        retryInterval ?? Never,
        NoLogger.Instance);

    private static TaskCompletionSource Add(ConsumerPendingCommits commits, params CommittableOffset[] offsets)
    {
        var result = new TaskCompletionSource();
        commits.Add(offsets, result, Stopwatch.GetTimestamp() + Stopwatch.Frequency * 3600);
        return result;
    }

    private CommittableOffset Offset(TopicPartition partition, long offset, int epoch = 1) => new(_channel, partition, offset, epoch);

    private sealed class Channel : ICommitterChannel
    {
        public string GroupId => "group-a";

        public Task CommitAsync(IReadOnlyList<CommittableOffset> offsets) => throw new NotSupportedException("not used by these tests");
    }
}
