using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Options;
using SignupEmail.UserNode.Configuration;
using SignupEmail.UserNode.Publishing;

namespace SignupEmail.UserNode.Admin;

/// <summary><c>GET /admin/publisher</c>: the journal publisher singleton, asked through its proxy.</summary>
public static class PublisherAdminEndpoints
{
    /// <summary>Maps the publisher route on the admin group.</summary>
    public static RouteGroupBuilder MapPublisherAdmin(this RouteGroupBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        admin.MapGet("/publisher", StatusAsync)
            .WithName("user-publisher")
            .WithSummary("Where the journal publisher singleton runs and how far it has published.")
            .Produces<PublisherView>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return admin;
    }

    private static async Task<IResult> StatusAsync(
        ActorSystem system, IRequiredActor<JournalPublisherSingleton> publisher, IOptions<UserNodeOptions> options, CancellationToken cancellationToken)
    {
        var proxy = await publisher.GetAsync(cancellationToken);

        // The address comes from the answer itself, not from "the oldest member": during a hand-over
        // the oldest member and the node the singleton still runs on differ, and the status would be
        // shown against the wrong node.
        var (status, replier) = await system.AskWithReplierAsync<PublisherStatus>(
            proxy, GetPublisherStatus.Instance, options.Value.Admin.RequestTimeout, cancellationToken);
        var address = replier.Path.Address.HasLocalScope ? Akka.Cluster.Cluster.Get(system).SelfAddress : replier.Path.Address;
        return Results.Ok(PublisherView.Of(address.ToString(), status));
    }
}
