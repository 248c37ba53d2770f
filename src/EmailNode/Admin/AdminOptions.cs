namespace SignupEmail.EmailNode.Admin;

/// <summary>The admin endpoints' settings (<c>Email:Admin</c>).</summary>
public sealed record AdminOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Email:Admin";

    /// <summary>Shortest accepted key.</summary>
    public const int MinKeyLength = 16;

    /// <summary>
    /// The key callers send in <c>X-Admin-Key</c> (<c>ApiKey</c>). Empty disables the admin endpoints
    /// (every call is refused); set it from a secret store or environment variable, never in a committed file.
    /// </summary>
    public string ApiKey { get; init; } = string.Empty;
}
