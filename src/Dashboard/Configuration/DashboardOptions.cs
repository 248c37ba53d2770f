namespace SignupEmail.Dashboard.Configuration;

/// <summary>The <c>Dashboard</c> configuration section: which nodes to watch and how often.</summary>
public sealed record DashboardOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard";

    /// <summary>Base URL of a User node (its admin API, <c>/metrics</c> and the signup API for bursts).</summary>
    public string UserNodeUrl { get; init; } = string.Empty;

    /// <summary>Base URLs of the Email nodes; the first one also answers for Kafka (topics, lag, dead letters).</summary>
    public IReadOnlyList<string> EmailNodeUrls { get; init; } = [];

    /// <summary>The nodes' admin key; also the key that logs in to the dashboard.</summary>
    public string AdminKey { get; init; } = string.Empty;

    /// <summary>How often the snapshot is rebuilt while a browser watches.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest one read of a node may take before its section is reported as failed.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How far back the lag chart goes.</summary>
    public TimeSpan LagHistory { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The actions that change the running system (embedded run only).</summary>
    public ExperimentsOptions Experiments { get; init; } = new();
}
