namespace SignupEmail.UserNode.Configuration;

/// <summary>The node's settings outside Akka's HOCON, bound from the <c>UserNode</c> section.</summary>
public sealed class UserNodeOptions
{
    /// <summary>Configuration section these options are bound from.</summary>
    public const string Section = "UserNode";

    /// <summary>Journal and snapshot store (<c>UserNode:Persistence</c>).</summary>
    public PersistenceOptions Persistence { get; set; } = new();

    /// <summary>Remoting and cluster membership (<c>UserNode:Cluster</c>).</summary>
    public ClusterNodeOptions Cluster { get; set; } = new();

    /// <summary>User entities (<c>UserNode:Users</c>).</summary>
    public UserEntityOptions Users { get; set; } = new();

    /// <summary>The HTTP signup API (<c>UserNode:Signup</c>).</summary>
    public SignupOptions Signup { get; set; } = new();

    /// <summary>The journal-driven publisher to Kafka (<c>UserNode:Publishing</c>).</summary>
    public PublishingOptions Publishing { get; set; } = new();

    /// <summary>The admin API (<c>UserNode:Admin</c>).</summary>
    public AdminApiOptions Admin { get; set; } = new();
}
