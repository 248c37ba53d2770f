namespace SignupEmail.UserNode.Configuration;

/// <summary>Remoting endpoint and cluster membership (<c>UserNode:Cluster</c>).</summary>
public sealed class ClusterNodeOptions
{
    /// <summary>Address other nodes reach this one at.</summary>
    public string Hostname { get; set; } = "127.0.0.1";

    /// <summary>Remoting port; <c>0</c> picks a free one (tests).</summary>
    public int Port { get; set; } = 4053;

    /// <summary>
    /// Seed node addresses (<c>akka.tcp://signup-user@host:port</c>). Empty: this node seeds itself,
    /// which is right for a single node and wrong for several (they would form separate clusters).
    /// </summary>
    public IList<string> SeedNodes { get; } = [];
}
