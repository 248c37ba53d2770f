namespace SignupEmail.UserNode.Configuration;

/// <summary>The admin API (<c>UserNode:Admin</c>).</summary>
public sealed class AdminApiOptions
{
    /// <summary>
    /// The key callers send in <c>X-Admin-Key</c> (<c>ApiKey</c>). Empty turns the admin API off (its
    /// routes answer 404); set it from a secret store or environment variable, never in a committed file.
    /// </summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>
    /// Longest an admin call may take (<c>RequestTimeout</c>); past it the call answers 503 with a
    /// <c>Retry-After</c>. Cluster questions go to actors that may sit on an unreachable node.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
