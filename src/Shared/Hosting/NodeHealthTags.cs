namespace SignupEmail.Shared.Hosting;

/// <summary>
/// The tags that put a node's health check on its probes (<c>/health</c> shows every check).
/// </summary>
public static class NodeHealthTags
{
    /// <summary>
    /// On <c>/health/live</c>: the process is worth keeping. Only Akka.Hosting's actor system check
    /// (<c>akka.actorsystem</c>): a node whose actor system has terminated can do nothing, and only a
    /// restart brings it back. Akka.Hosting then stops the application itself; the probe matters when
    /// that stop does not finish (a hosted service stuck on its way down), so the orchestrator kills it.
    /// </summary>
    public const string Live = "live";

    /// <summary>On <c>/health/ready</c>: the node can take work now.</summary>
    public const string Ready = "ready";
}
