namespace SignupEmail.EmailNode.Settings;

/// <summary>Facts of the node's actor system.</summary>
public static class EmailNodeActorSystem
{
    /// <summary>Actor system name.</summary>
    public const string Name = "signup-email";
}
