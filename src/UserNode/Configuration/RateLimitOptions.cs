namespace SignupEmail.UserNode.Configuration;

/// <summary>Fixed-window limit per client address (<c>UserNode:Signup:RateLimit</c>).</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests one client may make per <see cref="Window"/>.</summary>
    public int PermitLimit { get; set; } = 20;

    /// <summary>Length of the window.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
}
