namespace SignupEmail.EmailNode.Admin;

/// <summary>What <c>GET /admin/kafka/lag</c> answers: the whole group's position on the signup topic.</summary>
/// <param name="GroupId">The consumer group.</param>
/// <param name="Topic">The signup topic.</param>
/// <param name="ReadAt">When Kafka answered.</param>
/// <param name="Partitions">Every partition of the topic.</param>
/// <param name="TotalLag">Sum of the partitions' lag.</param>
public sealed record GroupLag(string GroupId, string Topic, DateTimeOffset ReadAt, IReadOnlyList<GroupPartitionLag> Partitions, long TotalLag);

/// <summary>The group's position on one partition.</summary>
/// <param name="Partition">Partition number.</param>
/// <param name="Committed">The group's committed offset; null when it never committed on the partition.</param>
/// <param name="End">The end offset (high watermark).</param>
/// <param name="Lag">Records not yet committed (counted from the start when nothing is committed).</param>
/// <param name="AssignedHere">Whether this node consumes the partition now.</param>
public sealed record GroupPartitionLag(int Partition, long? Committed, long End, long Lag, bool AssignedHere);
