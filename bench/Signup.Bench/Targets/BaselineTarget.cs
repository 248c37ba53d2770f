using System.Globalization;
using System.Net;
using SignupEmail.Signup.Bench.Baseline;
using SignupEmail.Signup.Bench.Databases;

namespace SignupEmail.Signup.Bench.Targets;

/// <summary>This program's <see cref="BaselineServer"/>, started as its own process.</summary>
internal sealed class BaselineTarget : SignupTarget
{
    public override string Name => "baseline";

    public override string StoredSignupsSql => "SELECT COUNT(*) FROM users";

    public override async Task<ServerProcess> StartAsync(BenchDatabase database, int hashIterations, string logDirectory, HttpClient probe)
    {
        ArgumentNullException.ThrowIfNull(database);
        var port = ServerProcess.FreePort();
        var server = ServerProcess.Start(
            Name,
            Path.Combine(AppContext.BaseDirectory, "SignupEmail.Signup.Bench.dll"),
            [
                BaselineServer.Command,
                "--provider", database.Kind,
                "--connection-string", database.ConnectionString,
                "--iterations", hashIterations.ToString(CultureInfo.InvariantCulture),
                "--port", port.ToString(CultureInfo.InvariantCulture),
            ],
            new Dictionary<string, string>(),
            port,
            logDirectory);
        try
        {
            await server.WaitReadyAsync(probe, "/health", HttpStatusCode.OK, TimeSpan.FromSeconds(60));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }
}
