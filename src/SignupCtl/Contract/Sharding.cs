namespace SignupEmail.SignupCtl.Contract;

/// <summary><c>GET /admin/sharding/regions</c>: the asked node's shard region.</summary>
internal sealed record ShardRegionState(string TypeName, string Address, IReadOnlyList<ShardEntities> Shards, IReadOnlyList<string> Failed);

/// <summary>One shard of <see cref="ShardRegionState"/>.</summary>
internal sealed record ShardEntities(string ShardId, int Entities);

/// <summary><c>GET /admin/sharding/stats</c>: every region in the cluster.</summary>
internal sealed record ShardingStats(
    string TypeName, int TotalShards, int TotalEntities, IReadOnlyList<RegionStats> Regions, IReadOnlyList<string> Failed);

/// <summary>One region of <see cref="ShardingStats"/>.</summary>
internal sealed record RegionStats(string Address, int Shards, int Entities);
