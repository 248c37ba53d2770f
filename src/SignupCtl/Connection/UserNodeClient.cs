using SignupEmail.SignupCtl.Contract;

namespace SignupEmail.SignupCtl.Connection;

/// <summary>The User node's admin API (docs/admin-api.md, "User node").</summary>
internal sealed class UserNodeClient(AdminHttp http)
{
    public Task<AdminAnswer<NodeInfo>> NodeAsync(CancellationToken cancellationToken) =>
        http.GetAsync<NodeInfo>("admin/node", cancellationToken);

    public Task<AdminAnswer<ClusterState>> ClusterAsync(CancellationToken cancellationToken) =>
        http.GetAsync<ClusterState>("admin/cluster", cancellationToken);

    public Task<AdminAnswer<ClusterCommandAccepted>> LeaveAsync(string address, CancellationToken cancellationToken) =>
        http.PostAsync<ClusterCommandAccepted>("admin/cluster/leave", new ClusterCommand(address), cancellationToken);

    public Task<AdminAnswer<ClusterCommandAccepted>> DownAsync(string address, bool force, CancellationToken cancellationToken) =>
        http.PostAsync<ClusterCommandAccepted>("admin/cluster/down", new ClusterCommand(address, force), cancellationToken);

    public Task<AdminAnswer<ShardRegionState>> RegionAsync(CancellationToken cancellationToken) =>
        http.GetAsync<ShardRegionState>("admin/sharding/regions", cancellationToken);

    public Task<AdminAnswer<ShardingStats>> ShardingStatsAsync(CancellationToken cancellationToken) =>
        http.GetAsync<ShardingStats>("admin/sharding/stats", cancellationToken);

    public Task<AdminAnswer<PublisherStatus>> PublisherAsync(CancellationToken cancellationToken) =>
        http.GetAsync<PublisherStatus>("admin/publisher", cancellationToken);
}
