namespace SignupEmail.EmailNode.Delivery;

/// <summary>The SMTP server and how we use it (<c>Email:Smtp</c>).</summary>
public sealed record SmtpOptions
{
    /// <summary><c>Email:Smtp:Host</c>; required in SMTP mode.</summary>
    public string Host { get; init; } = string.Empty;

    /// <summary><c>Email:Smtp:Port</c>.</summary>
    public int Port { get; init; } = 587;

    /// <summary><c>Email:Smtp:TlsMode</c>.</summary>
    public SmtpTlsMode TlsMode { get; init; } = SmtpTlsMode.StartTls;

    /// <summary><c>Email:Smtp:Username</c>; with <see cref="Password"/>, or neither for no authentication.</summary>
    public string? Username { get; init; }

    /// <summary><c>Email:Smtp:Password</c>; never logged.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// <c>Email:Smtp:MaxConnections</c>: the most sends in flight at once, and so the most open
    /// connections kept for reuse. Mail servers throttle clients that open many.
    /// </summary>
    public int MaxConnections { get; init; } = 4;

    /// <summary><c>Email:Smtp:Timeout</c>: for connecting and for each SMTP command.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>Email:Smtp:IdleTimeout</c>: a pooled connection unused for longer is closed rather than
    /// reused, because servers drop idle clients (often after 60 s) and a dead connection would
    /// only fail the next send.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(20);
}
