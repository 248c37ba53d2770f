namespace SignupEmail.Dashboard.Snapshot;

/// <summary>
/// The Email nodes' consumer group on the signup topic. <see cref="LagHistory"/> maps a partition
/// ("0") to <c>[unixMilliseconds, lag]</c> points: the whole window in a full snapshot, only the new
/// points in a stream event after the first.
/// </summary>
public sealed record GroupSection(
    string GroupId,
    long TotalLag,
    IReadOnlyList<GroupMember> Members,
    IReadOnlyList<GroupPartition> Partitions,
    IReadOnlyDictionary<string, IReadOnlyList<long[]>> LagHistory);

/// <summary>One Email node in the group: the partitions it owns and its delivery circuit.</summary>
public sealed record GroupMember(string Node, IReadOnlyList<int> Partitions, string Circuit, bool Running);

/// <summary>One partition's position; <see cref="Member"/> is the Email node that owns it, if any answered.</summary>
public sealed record GroupPartition(int Partition, long? Committed, long End, long Lag, string? Member, string? State);
