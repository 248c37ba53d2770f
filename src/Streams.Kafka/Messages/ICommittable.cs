namespace SignupEmail.Streams.Kafka.Messages;

/// <summary>
/// Something that can be committed to Kafka: one <see cref="CommittableOffset"/> or a
/// <see cref="CommittableOffsetBatch"/>. Hand these to <see cref="Dsl.Committer"/> rather than
/// committing one by one.
/// </summary>
public interface ICommittable
{
    /// <summary>How many offsets this stands for (for batching).</summary>
    int BatchSize { get; }

    /// <summary>
    /// Commits, completing once Kafka acknowledged it. Offsets of partitions no longer assigned to
    /// the consumer are dropped (logged) and complete successfully; the next owner re-processes them.
    /// </summary>
    Task CommitAsync();
}
