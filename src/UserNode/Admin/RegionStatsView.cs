namespace SignupEmail.UserNode.Admin;

/// <summary>One region's share of the cluster's shards and entities.</summary>
/// <param name="Address">The node the region runs on.</param>
/// <param name="Shards">Shards it hosts.</param>
/// <param name="Entities">Running entities in them.</param>
public sealed record RegionStatsView(string Address, int Shards, int Entities);
