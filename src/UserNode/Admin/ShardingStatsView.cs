using Akka.Cluster.Sharding;

namespace SignupEmail.UserNode.Admin;

/// <summary>What <c>GET /admin/sharding/stats</c> answers: every region of the cluster.</summary>
/// <param name="TypeName">The sharded entity type.</param>
/// <param name="TotalShards">Shards over all regions.</param>
/// <param name="TotalEntities">Running entities over all regions.</param>
/// <param name="Regions">Each region, in address order.</param>
/// <param name="Failed">Shards that did not answer their region in time.</param>
public sealed record ShardingStatsView(
    string TypeName, int TotalShards, int TotalEntities, IReadOnlyList<RegionStatsView> Regions, IReadOnlyList<string> Failed)
{
    /// <summary>The view of the coordinator's <paramref name="stats"/>.</summary>
    public static ShardingStatsView Of(string typeName, ClusterShardingStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var regions = stats.Regions
            .Select(region => new RegionStatsView(region.Key.ToString(), region.Value.Stats.Count, region.Value.Stats.Values.Sum()))
            .OrderBy(region => region.Address, StringComparer.Ordinal)
            .ToList();
        return new ShardingStatsView(
            typeName,
            regions.Sum(region => region.Shards),
            regions.Sum(region => region.Entities),
            regions,
            [.. ShardIds.InOrder(stats.Regions.Values.SelectMany(region => region.Failed).Distinct(), id => id)]);
    }
}
