using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SignupEmail.UserNode.Cluster;

/// <summary>
/// Ready while this node is an <c>Up</c> member of the cluster: before that (joining) or after it
/// (leaving, downed) the shard region cannot host users, so a load balancer should not send signups here.
/// Not Akka.Hosting's <c>WithAkkaClusterReadinessCheck</c>: that one turns ready once the node is past
/// <c>Joining</c> and then stays ready for good (it latches), so a node that is leaving, exiting or
/// downed would still be sent signups it can no longer take.
/// </summary>
/// <param name="system">The node's actor system.</param>
public sealed class ClusterMembershipHealthCheck(ActorSystem system) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var self = cluster.SelfMember;
        var data = new Dictionary<string, object>
        {
            ["address"] = self.Address.ToString(),
            ["status"] = self.Status.ToString(),
            ["members"] = cluster.State.Members.Count(m => m.Status == MemberStatus.Up),
        };
        return Task.FromResult(self.Status == MemberStatus.Up
            ? HealthCheckResult.Healthy("Up in the cluster.", data)
            : HealthCheckResult.Unhealthy($"Cluster membership is {self.Status}, not Up.", data: data));
    }
}
