namespace SignupEmail.UserNode.Admin;

/// <summary>One shard hosted by a region and how many entities (users) are running in it.</summary>
/// <param name="ShardId">The shard's id.</param>
/// <param name="Entities">Running entities; passivated ones are not counted.</param>
public sealed record ShardView(string ShardId, int Entities);
