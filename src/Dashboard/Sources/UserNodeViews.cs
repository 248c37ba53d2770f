namespace SignupEmail.Dashboard.Sources;

// What the User node's admin API answers (docs/admin-api.md), only the fields the dashboard shows.

/// <summary><c>GET /admin/cluster</c>.</summary>
internal sealed record ClusterView(string Self, string? Leader, IReadOnlyList<ClusterMemberView> Members);

/// <summary>One member in <see cref="ClusterView"/>.</summary>
internal sealed record ClusterMemberView(string Address, string Status, int? UpNumber, bool Reachable);

/// <summary><c>GET /admin/sharding/stats</c>.</summary>
internal sealed record ShardingStatsView(IReadOnlyList<RegionStatsView> Regions);

/// <summary>One region in <see cref="ShardingStatsView"/>.</summary>
internal sealed record RegionStatsView(string Address, int Shards, int Entities);

/// <summary><c>GET /admin/publisher</c>.</summary>
internal sealed record PublisherView(string? Address, bool Running, int InFlight, string WaitingForKafka);
