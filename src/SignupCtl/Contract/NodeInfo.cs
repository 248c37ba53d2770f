namespace SignupEmail.SignupCtl.Contract;

/// <summary><c>GET /admin/node</c> on either node.</summary>
internal sealed record NodeInfo(
    string Node,
    string Version,
    string Host,
    int ProcessId,
    string Environment,
    DateTimeOffset StartedAt,
    TimeSpan Uptime,
    IReadOnlyDictionary<string, string?> Configuration);
