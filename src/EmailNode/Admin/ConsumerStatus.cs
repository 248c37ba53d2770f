namespace SignupEmail.EmailNode.Admin;

/// <summary>What <c>GET /admin/consumer</c> answers.</summary>
/// <param name="GroupId">The consumer group.</param>
/// <param name="Running">Whether a consumer runs (not starting, restarting or drained).</param>
/// <param name="Runs">How many times the consuming stream was (re)started.</param>
/// <param name="ReadAt">When Kafka answered for the figures.</param>
/// <param name="Circuit">The delivery circuit breaker.</param>
/// <param name="Partitions">The partitions assigned to this node.</param>
/// <param name="DeliveryDelayMs">The experiment delay each delivery waits before it starts; 0 when none.</param>
public sealed record ConsumerStatus(
    string GroupId, bool Running, int Runs, DateTimeOffset ReadAt, CircuitView Circuit, IReadOnlyList<ConsumerPartitionStatus> Partitions, long DeliveryDelayMs);

/// <summary>The delivery circuit breaker, as shown.</summary>
/// <param name="State"><c>Closed</c>, <c>Open</c> or <c>HalfOpen</c>.</param>
/// <param name="ConsecutiveFailures">Transient delivery failures since the server last answered.</param>
/// <param name="OpenedAt">When it last opened; null while closed.</param>
public sealed record CircuitView(string State, int ConsecutiveFailures, DateTimeOffset? OpenedAt);

/// <summary>One assigned partition.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">Partition number.</param>
/// <param name="Committed">The group's committed offset; null when none.</param>
/// <param name="HighWatermark">The end offset.</param>
/// <param name="Lag">Records not yet committed.</param>
/// <param name="State"><c>Consuming</c>, <c>Retrying</c> or <c>Paused</c>.</param>
public sealed record ConsumerPartitionStatus(string Topic, int Partition, long? Committed, long HighWatermark, long Lag, string State);
