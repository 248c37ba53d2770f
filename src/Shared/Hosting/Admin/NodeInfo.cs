namespace SignupEmail.Shared.Hosting.Admin;

/// <summary>What <c>GET /admin/node</c> answers: which node this is, how long it has run, its settings (secrets masked).</summary>
/// <param name="Node">The node type: <c>user</c> or <c>email</c>.</param>
/// <param name="Version">The node's informational version.</param>
/// <param name="Host">Machine name.</param>
/// <param name="ProcessId">Operating-system process id.</param>
/// <param name="Environment">The ASP.NET Core environment name.</param>
/// <param name="StartedAt">When the process started (UTC).</param>
/// <param name="Uptime">Time since <paramref name="StartedAt"/>.</param>
/// <param name="Configuration">The node's settings as flat keys, secrets masked.</param>
public sealed record NodeInfo(
    string Node,
    string Version,
    string Host,
    int ProcessId,
    string Environment,
    DateTimeOffset StartedAt,
    TimeSpan Uptime,
    IReadOnlyDictionary<string, string> Configuration);
