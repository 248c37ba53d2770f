namespace SignupEmail.Dashboard.Snapshot;

/// <summary>
/// Rates (per second, over the last refresh) and totals from the nodes' counters.
/// <see cref="SignupsTotal"/> counts created signups.
/// </summary>
public sealed record FlowSection(
    SignupRates SignupsPerSecond,
    double PublishedPerSecond,
    double EmailsPerSecond,
    double DeadLettersPerSecond,
    long SignupsTotal,
    long EmailsTotal,
    long DeadLettersTotal);

/// <summary>Signup requests per second by outcome.</summary>
public sealed record SignupRates(double Created, double Conflict, double Invalid, double RateLimited, double Unavailable);
