namespace SignupEmail.UserNode.Admin;

/// <summary>
/// The User node's admin routes, on the shared <c>/admin</c> group (which checks the key): the
/// cluster, its shard regions and the publisher singleton. Every call is bounded by
/// <c>UserNode:Admin:RequestTimeout</c> and answers 503 with <c>Retry-After</c> past it.
/// </summary>
public static class AdminEndpoints
{
    /// <summary>Maps the routes on <paramref name="admin"/> (from <c>MapAdminApi</c>); needs <see cref="AdminServiceCollectionExtensions.AddUserNodeAdmin"/>.</summary>
    public static RouteGroupBuilder MapUserNodeAdmin(this RouteGroupBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        admin.AddEndpointFilter<ClusterUnavailableFilter>()
            .WithRequestTimeout(AdminServiceCollectionExtensions.RequestTimeoutPolicy);
        return admin.MapClusterAdmin().MapShardingAdmin().MapPublisherAdmin();
    }
}
