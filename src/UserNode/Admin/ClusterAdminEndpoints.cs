using Akka.Actor;
using SignupEmail.Shared.Hosting.Admin;

namespace SignupEmail.UserNode.Admin;

/// <summary><c>GET /admin/cluster</c>, <c>POST /admin/cluster/leave</c> and <c>POST /admin/cluster/down</c>.</summary>
public static class ClusterAdminEndpoints
{
    /// <summary>Maps the cluster routes on the admin group.</summary>
    public static RouteGroupBuilder MapClusterAdmin(this RouteGroupBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        admin.MapGet("/cluster", (ActorSystem system) =>
            {
                var cluster = Akka.Cluster.Cluster.Get(system);
                return Results.Ok(ClusterView.Of(cluster.State, cluster.SelfAddress));
            })
            .WithName("user-cluster")
            .WithSummary("The cluster as this node sees it: members, their status and reachability, the leader.")
            .Produces<ClusterView>();

        admin.MapPost("/cluster/leave", async (ActorSystem system, HttpRequest http, CancellationToken cancellationToken) =>
            {
                var (request, problem) = await AdminRequestBody.ReadAsync<LeaveRequest>(http, cancellationToken);
                return problem ?? Change(system, request?.Address, "leave", isSelfAllowed: true, (cluster, address) => cluster.Leave(address));
            })
            .WithName("user-cluster-leave")
            .WithSummary("Asks a member to leave the cluster gracefully (202: the cluster carries it out).")
            .Accepts<LeaveRequest>("application/json")
            .Produces<MembershipChange>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapPost("/cluster/down", async (ActorSystem system, HttpRequest http, CancellationToken cancellationToken) =>
            {
                var (request, problem) = await AdminRequestBody.ReadAsync<DownRequest>(http, cancellationToken);
                return problem ?? Change(system, request?.Address, "down", isSelfAllowed: request?.Force == true, (cluster, address) => cluster.Down(address));
            })
            .WithName("user-cluster-down")
            .WithSummary("Marks a member that is gone as Down so the cluster removes it; this node itself only with force.")
            .Accepts<DownRequest>("application/json")
            .Produces<MembershipChange>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return admin;
    }

    private static IResult Change(
        ActorSystem system, string? text, string action, bool isSelfAllowed, Action<Akka.Cluster.Cluster, Address> apply)
    {
        if (!MemberAddress.TryParse(text, out var address))
        {
            return AdminProblems.Invalid("address", $"'{text}' {MemberAddress.Expected}");
        }

        var cluster = Akka.Cluster.Cluster.Get(system);
        if (address == cluster.SelfAddress && !isSelfAllowed)
        {
            return AdminProblems.DownOfSelf(address.ToString());
        }

        // Unreachable members are still members (and the ones most often downed); removed ones are not.
        if (!cluster.State.Members.Any(member => member.Address == address))
        {
            return AdminProblems.NotAMember(address.ToString());
        }

        apply(cluster, address);
        return Results.Accepted(value: new MembershipChange(address.ToString(), action));
    }
}
