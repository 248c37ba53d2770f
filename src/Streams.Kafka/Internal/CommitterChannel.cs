using SignupEmail.Streams.Kafka.Messages;

namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>The consumer that read some offsets, seen from the committer: where to send them.</summary>
internal interface ICommitterChannel
{
    string GroupId { get; }

    /// <summary>Commits the highest offset per partition (given as the records' offsets, not +1).</summary>
    Task CommitAsync(IReadOnlyList<CommittableOffset> offsets);
}
