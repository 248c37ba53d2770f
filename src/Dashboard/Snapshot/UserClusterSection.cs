namespace SignupEmail.Dashboard.Snapshot;

/// <summary>The User nodes' Akka cluster, the shards and entities on each, and where the publisher runs.</summary>
public sealed record UserClusterSection(string Self, string? Leader, IReadOnlyList<UserClusterMember> Members, PublisherState? Publisher);

/// <summary>A member; shards and entities are null when the sharding stats did not answer.</summary>
public sealed record UserClusterMember(string Address, string Status, int? UpNumber, bool Reachable, int? Shards, int? Entities);

/// <summary>The journal publisher singleton.</summary>
public sealed record PublisherState(string? Address, bool Running, int InFlight, string WaitingForKafka);
