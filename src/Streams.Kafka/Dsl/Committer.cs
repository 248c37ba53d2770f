using Akka;
using Akka.Streams.Dsl;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;

namespace SignupEmail.Streams.Kafka.Dsl;

/// <summary>
/// Commits offsets in batches: up to <c>max-batch</c> offsets or <c>max-interval</c>, whichever
/// comes first, folded into the highest offset per partition and committed as <c>offset + 1</c>,
/// with up to <c>parallelism</c> batches in flight. Offsets of partitions no longer assigned are
/// dropped (the next owner re-processes them); commits that a rebalance rejects are retried
/// after the consumer's <c>commit-retry-interval</c>, for up to its <c>commit-timeout</c>.
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
            .GroupedWithin(settings.MaxBatch, settings.MaxInterval)
            .Select(CommittableOffsetBatch.Create)
            .SelectAsync(settings.Parallelism, async batch =>
            {
                await batch.CommitAsync().ConfigureAwait(false);
                return batch;
            });
    }

    /// <summary>
    /// Commits in batches. The task completes once upstream completed and the last batch is
    /// committed, and faults if a commit fails.
    /// </summary>
    public static Sink<ICommittable, Task<Done>> Sink(CommitterSettings settings) =>
        Flow(settings).ToMaterialized(Akka.Streams.Dsl.Sink.Ignore<Done>(), Keep.Right);
}
