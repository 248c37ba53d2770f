namespace SignupEmail.SignupCtl.Contract;

/// <summary><c>GET /admin/kafka/lag</c>: the consumer group's position on the signup topic.</summary>
internal sealed record ConsumerLag(
    string GroupId, string Topic, DateTimeOffset ReadAt, IReadOnlyList<PartitionLag> Partitions, long TotalLag);

/// <summary>One partition of <see cref="ConsumerLag"/>; <c>Committed</c> is null before the group's first commit.</summary>
internal sealed record PartitionLag(int Partition, long? Committed, long End, long Lag, bool AssignedHere);
