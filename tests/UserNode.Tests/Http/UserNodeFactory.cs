using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SignupEmail.UserNode.Tests.Http;

/// <summary>
/// The real User node in-process (real Akka cluster of one, real database), with test settings on
/// top of appsettings.json: a free remoting port, a lowered hashing cost, a generous rate limit.
/// </summary>
public sealed class UserNodeFactory(
    TestDatabase database,
    IReadOnlyDictionary<string, string?>? overrides = null,
    Action<IServiceCollection>? replaceServices = null)
    : WebApplicationFactory<Program>
{
    public const int LoweredHashIterations = 1_000;

    public LogSink Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["UserNode:Persistence:Provider"] = database.Provider,
            ["UserNode:Persistence:ConnectionString"] = database.ConnectionString,
            ["UserNode:Cluster:Port"] = "0",
            ["UserNode:Signup:PasswordHashIterations"] = LoweredHashIterations.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["UserNode:Signup:RateLimit:PermitLimit"] = "1000000",
            // Generous: a loaded 2-core machine must not turn a slow answer into a 503.
            ["UserNode:Signup:AskTimeout"] = "00:00:30",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (replaceServices is not null)
        {
            builder.ConfigureTestServices(replaceServices);
        }
    }
}
