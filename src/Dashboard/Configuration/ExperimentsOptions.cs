namespace SignupEmail.Dashboard.Configuration;

/// <summary>The <c>Dashboard:Experiments</c> section: the burst, mail delay and broker actions and their bounds.</summary>
public sealed record ExperimentsOptions
{
    /// <summary>Whether the actions exist; only the embedded launcher turns them on.</summary>
    public bool Enabled { get; init; }

    /// <summary>Signups per second the system is shown at when calm; the default burst is ten times it.</summary>
    public int CalmRate { get; init; } = 2;

    /// <summary>Highest burst rate (signups per second) accepted.</summary>
    public int MaxBurstRate { get; init; } = 200;

    /// <summary>Longest burst accepted, in seconds.</summary>
    public int MaxBurstSeconds { get; init; } = 300;

    /// <summary>Longest delivery delay the mail-delay action accepts.</summary>
    public TimeSpan MaxMailDelay { get; init; } = TimeSpan.FromSeconds(10);
}
