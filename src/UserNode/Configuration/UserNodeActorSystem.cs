namespace SignupEmail.UserNode.Configuration;

/// <summary>Facts of the node's actor system that every node of the cluster must agree on.</summary>
public static class UserNodeActorSystem
{
    /// <summary>Actor system name: part of every node's address, so the same on all user nodes.</summary>
    public const string Name = "signup-user";
}
