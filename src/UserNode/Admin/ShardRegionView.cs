using Akka.Actor;
using Akka.Cluster.Sharding;

namespace SignupEmail.UserNode.Admin;

/// <summary>What <c>GET /admin/sharding/regions</c> answers: the answering node's shard region.</summary>
/// <param name="TypeName">The sharded entity type.</param>
/// <param name="Address">The node the region runs on.</param>
/// <param name="Shards">Its shards, in shard id order.</param>
/// <param name="Failed">Shards that did not answer the region in time.</param>
public sealed record ShardRegionView(string TypeName, string Address, IReadOnlyList<ShardView> Shards, IReadOnlyList<string> Failed)
{
    /// <summary>The view of a region's <paramref name="state"/>.</summary>
    public static ShardRegionView Of(string typeName, Address address, CurrentShardRegionState state)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(state);
        return new ShardRegionView(
            typeName,
            address.ToString(),
            [.. ShardIds.InOrder(state.Shards, shard => shard.ShardId).Select(shard => new ShardView(shard.ShardId, shard.EntityIds.Count))],
            [.. ShardIds.InOrder(state.Failed, id => id)]);
    }
}
