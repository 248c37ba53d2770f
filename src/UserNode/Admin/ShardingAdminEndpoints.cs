using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Microsoft.Extensions.Options;
using SignupEmail.UserNode.Configuration;
using SignupEmail.UserNode.Users;

namespace SignupEmail.UserNode.Admin;

/// <summary><c>GET /admin/sharding/regions</c> and <c>GET /admin/sharding/stats</c> for the user entities.</summary>
public static class ShardingAdminEndpoints
{
    /// <summary>Maps the sharding routes on the admin group.</summary>
    public static RouteGroupBuilder MapShardingAdmin(this RouteGroupBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        admin.MapGet("/sharding/regions", RegionAsync)
            .WithName("user-sharding-regions")
            .WithSummary("This node's shard region: its shards and the entities running in each.")
            .Produces<ShardRegionView>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        admin.MapGet("/sharding/stats", StatsAsync)
            .WithName("user-sharding-stats")
            .WithSummary("Every shard region in the cluster: shards and entities per node, and the totals.")
            .Produces<ShardingStatsView>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return admin;
    }

    private static async Task<IResult> RegionAsync(
        ActorSystem system, IRequiredActor<UserRegion> region, IOptions<UserNodeOptions> options, CancellationToken cancellationToken)
    {
        var timeout = options.Value.Admin.RequestTimeout;
        var regionRef = await region.GetAsync(cancellationToken);
        var state = await regionRef.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, timeout, cancellationToken);
        return Results.Ok(ShardRegionView.Of(UserShardingHostingExtensions.TypeName, Akka.Cluster.Cluster.Get(system).SelfAddress, state));
    }

    private static async Task<IResult> StatsAsync(
        HttpContext http, IRequiredActor<UserRegion> region, IOptions<UserNodeOptions> options, CancellationToken cancellationToken)
    {
        var admin = options.Value.Admin;
        var regionRef = await region.GetAsync(cancellationToken);

        // The coordinator asks every region and answers once all have: give the regions half the
        // time, so the coordinator's answer (complete or empty) still arrives within ours.
        var stats = await regionRef.Ask<ClusterShardingStats>(
            new GetClusterShardingStats(admin.RequestTimeout / 2), admin.RequestTimeout, cancellationToken);

        // A region always runs on this node, so no region at all is Akka's way of saying it could not
        // tell: no coordinator is known yet (the node is not Up) or a region did not answer in time.
        if (stats.Regions.Count == 0)
        {
            return AdminProblems.Unavailable(
                http, admin, $"The shard coordinator is not known yet, or a shard region did not answer within half of {AdminServiceCollectionExtensions.Describe(admin)}.");
        }

        return Results.Ok(ShardingStatsView.Of(UserShardingHostingExtensions.TypeName, stats));
    }
}
