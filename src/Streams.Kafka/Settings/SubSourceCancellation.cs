namespace SignupEmail.Streams.Kafka.Settings;

/// <summary>
/// What a partitioned source does when the sub-source of a partition it still owns is cancelled
/// (<c>sub-source-cancellation</c>). A sub-stream that failed (rather than completed) counts as
/// cancelled too; with either re-emit strategy its replacement starts after the last record it
/// handed to the committer, so the record it failed on comes again.
/// </summary>
public enum SubSourceCancellation
{
    /// <summary>
    /// <c>re-emit</c> (default): emit the partition again as a new sub-source that starts at the first
    /// record the cancelled one did not emit — no gap, no stall, no record emitted twice.
    /// </summary>
    ReEmit,

    /// <summary>
    /// <c>re-emit-uncommitted</c>: emit the partition again as a new sub-source that starts after the
    /// last record the cancelled one handed to the committer: what it took but did not commit (e.g.
    /// records in flight in a stage that cancelled) is emitted again.
    /// </summary>
    ReEmitUncommitted,

    /// <summary>
    /// <c>pause-until-rebalance</c>: leave the partition paused, emitting nothing, until the next
    /// rebalance assigns it again (its lag grows meanwhile; logged as a warning). For streams that
    /// take a partition out of service on purpose.
    /// </summary>
    PauseUntilRebalance,
}
