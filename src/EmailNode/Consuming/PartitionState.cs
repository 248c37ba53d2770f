namespace SignupEmail.EmailNode.Consuming;

/// <summary>What an assigned partition's pipeline is doing, as the admin API shows it.</summary>
public enum PartitionState
{
    /// <summary>Records flow: fetched, handled and committed.</summary>
    Consuming,

    /// <summary>A record of the partition waits for its next delivery attempt; the partition's commits wait with it.</summary>
    Retrying,

    /// <summary>
    /// Nothing is delivered: the delivery circuit is open, or the partition waits for a sub-stream
    /// (more partitions assigned than <see cref="ConsumingOptions.MaxPartitions"/>).
    /// </summary>
    Paused,
}
