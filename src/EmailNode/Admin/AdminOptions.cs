using SignupEmail.Shared.Hosting.Admin;

namespace SignupEmail.EmailNode.Admin;

/// <summary>The admin endpoints' settings (<c>Email:Admin</c>).</summary>
public sealed record AdminOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Email:Admin";

    /// <summary>
    /// The key callers send in <c>X-Admin-Key</c> (<c>ApiKey</c>). Empty turns the admin API off
    /// (its routes answer 404); set it from a secret store or environment variable, never in a committed file.
    /// </summary>
    public string ApiKey { get; init; } = string.Empty;

    /// <summary>
    /// Longest an admin call may take (<c>RequestTimeout</c>); past it the call answers 503 with a
    /// <c>Retry-After</c>. Every admin call asks Kafka, and without this bound a call made while Kafka
    /// is unreachable hangs for a minute or more.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether the experiment routes exist (<c>Experiments</c>): <c>/admin/delivery/delay</c>, which
    /// slows every delivery at run time. Off by default, when they answer 404 like any unknown route;
    /// the one-command run turns them on for the dashboard.
    /// </summary>
    public bool Experiments { get; init; }

    /// <summary>The <c>Retry-After</c> of a 503: one <see cref="RequestTimeout"/>, in whole seconds (at least 1).</summary>
    public int RetryAfterSeconds => AdminUnavailableProblem.RetryAfterSeconds(RequestTimeout);
}
