using System.Runtime.ExceptionServices;
using Akka;
using Akka.Streams.Dsl;
using Akka.Util;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;

namespace SignupEmail.Streams.Kafka.Dsl;

/// <summary>
/// Commits offsets in batches: up to <c>max-batch</c> offsets or <c>max-interval</c>, whichever
/// comes first, folded into the highest offset per partition and committed as <c>offset + 1</c>,
/// with up to <c>parallelism</c> batches in flight. Offsets of partitions no longer assigned are
/// dropped (the next owner re-processes them); commits that a rebalance rejects are retried
/// after the consumer's <c>commit-retry-interval</c>, for up to its <c>commit-timeout</c>.
/// When upstream fails, the offsets batched so far are committed first (within the consumer's
/// <c>commit-timeout</c>), then the committer fails with upstream's error: a restart does not
/// re-process records that were done.
/// </summary>
public static class Committer
{
    /// <summary>Commits in batches and emits <see cref="Done"/> per committed batch; fails on a <see cref="CommitFailedException"/>.</summary>
    public static Flow<ICommittable, Done, NotUsed> Flow(CommitterSettings settings) =>
        BatchFlow(settings).Select(_ => Done.Instance);

    /// <summary>Like <see cref="Flow"/>, emitting each committed batch.</summary>
    public static Flow<ICommittable, CommittableOffsetBatch, NotUsed> BatchFlow(CommitterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Akka.Streams.Dsl.Flow.Create<ICommittable>()
            .Select(committable => new Pending(committable, Failure: null))

            // Upstream's failure becomes the last element, so the batch it ends is flushed and committed.
            .Recover(failure => Option<Pending>.Create(new Pending(Committable: null, failure)))
            .GroupedWithin(settings.MaxBatch, settings.MaxInterval)
            .SelectAsync(settings.Parallelism, async group =>
            {
                var batch = CommittableOffsetBatch.Create(group.Where(p => p.Committable is not null).Select(p => p.Committable!));
                var failure = group.FirstOrDefault(p => p.Failure is not null)?.Failure;
                if (failure is null)
                {
                    await batch.CommitAsync().ConfigureAwait(false);
                    return (Batch: batch, Failure: (Exception?)null);
                }

                try
                {
                    await batch.CommitAsync().ConfigureAwait(false);
                }
                catch (CommitFailedException)
                {
                    // Upstream's error is the one to report; these offsets are redelivered after a restart.
                }

                return (Batch: batch, Failure: failure);
            })

            // Thrown here rather than in SelectAsync, which would wrap it: the stream fails with upstream's own error.
            .Select(committed =>
            {
                if (committed.Failure is { } failure)
                {
                    ExceptionDispatchInfo.Throw(failure);
                }

                return committed.Batch;
            });
    }

    /// <summary>
    /// Commits in batches. The task completes once upstream completed and the last batch is
    /// committed, and faults if a commit fails.
    /// </summary>
    public static Sink<ICommittable, Task<Done>> Sink(CommitterSettings settings) =>
        Flow(settings).ToMaterialized(Akka.Streams.Dsl.Sink.Ignore<Done>(), Keep.Right);

    // An offset to commit, or the error upstream failed with (after the offsets before it).
    private sealed record Pending(ICommittable? Committable, Exception? Failure);
}
