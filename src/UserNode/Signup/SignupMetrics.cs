using System.Diagnostics.Metrics;

namespace SignupEmail.UserNode.Signup;

/// <summary>
/// Signups by how they ended (<c>signupemail.signups</c>, attribute <c>signupemail.signup.outcome</c>).
/// Their latency is ASP.NET Core's <c>http.server.request.duration</c> on the route <c>/api/users/</c>.
/// </summary>
internal static class SignupMetrics
{
    /// <summary>Meter name, under the node's <c>SignupEmail.UserNode.*</c>.</summary>
    public const string MeterName = "SignupEmail.UserNode.Signup";

    /// <summary>The counter's name.</summary>
    public const string SignupsName = "signupemail.signups";

    /// <summary>The outcome attribute's name.</summary>
    public const string OutcomeAttribute = "signupemail.signup.outcome";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Signups = Meter.CreateCounter<long>(SignupsName, "{signup}", "Signup requests by outcome.");

    /// <summary>201: the user was stored (and will be published).</summary>
    public static void Created() => Add("created");

    /// <summary>201 again: a retry with the same idempotency key.</summary>
    public static void Replayed() => Add("replayed");

    /// <summary>409: the address is taken.</summary>
    public static void Conflict() => Add("conflict");

    /// <summary>400, 415, 422: the request was refused as it stood.</summary>
    public static void Invalid() => Add("invalid");

    /// <summary>429: the client's rate limit.</summary>
    public static void RateLimited() => Add("rate_limited");

    /// <summary>503: the entity did not answer or could not write.</summary>
    public static void Unavailable() => Add("unavailable");

    private static void Add(string outcome) => Signups.Add(1, new KeyValuePair<string, object?>(OutcomeAttribute, outcome));
}
