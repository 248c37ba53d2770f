using System.Globalization;
using System.Net;
using SignupEmail.Signup.Bench.Databases;
using SignupEmail.UserNode.Users;

namespace SignupEmail.Signup.Bench.Targets;

/// <summary>
/// The built User node (<c>dotnet SignupEmail.UserNode.dll</c>) as a single-node cluster, configured
/// the way an operator would: command-line overrides on top of its appsettings.json.
/// </summary>
internal sealed class NodeTarget(string nodeDll, IReadOnlyDictionary<string, string> extraSettings, string name = "node") : SignupTarget
{
    public override string Name => name;

    public override string StoredSignupsSql => $"SELECT COUNT(*) FROM journal WHERE persistence_id LIKE '{UserEntity.PersistenceIdPrefix}%'";

    public override async Task<ServerProcess> StartAsync(BenchDatabase database, int hashIterations, string logDirectory, HttpClient probe)
    {
        ArgumentNullException.ThrowIfNull(database);
        var port = ServerProcess.FreePort();
        var settings = new Dictionary<string, string>(extraSettings, StringComparer.Ordinal)
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["UserNode:Persistence:Provider"] = database.NodeProvider,
            ["UserNode:Persistence:ConnectionString"] = database.ConnectionString,
            ["UserNode:Cluster:Port"] = "0",
            ["UserNode:Signup:PasswordHashIterations"] = hashIterations.ToString(CultureInfo.InvariantCulture),
            // All load comes from one loopback address: the per-client limiter would turn it into 429s.
            ["UserNode:Signup:RateLimit:PermitLimit"] = "1000000000",
        };
        var server = ServerProcess.Start(
            Name,
            nodeDll,
            settings.Select(s => $"--{s.Key}={s.Value}"),
            new Dictionary<string, string>(),
            port,
            logDirectory);
        try
        {
            // Ready = an Up cluster member whose shard region can host users (there is no read of a
            // user by id to probe an entity with any more).
            await server.WaitReadyAsync(probe, "/health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(90));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }
}
