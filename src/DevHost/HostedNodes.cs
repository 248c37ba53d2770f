using System.Reflection;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SignupEmail.Dashboard.Actions;
using SignupEmail.Dashboard.Hosting;
using SignupEmail.EmailNode.Hosting;
using SignupEmail.UserNode.Hosting;

namespace SignupEmail.DevHost;

/// <summary>
/// Builds the User and Email nodes for the all-in-one run, each from its own <c>appsettings.json</c>
/// (copied to <c>nodes/user</c> and <c>nodes/email</c>, their content roots) and the same code its
/// own process runs.
/// </summary>
/// <remarks>
/// Configuration, later layers winning: the node's appsettings.json; the launcher's appsettings.json
/// and its defaults for one machine (SQLite and e-mails under the data folder); environment variables
/// (so <c>UserNode__...</c> and <c>Email__...</c> still work); last, what the launcher owns: the
/// embedded Kafka's address, the HTTP URLs, a single-node cluster on a free remoting port and the
/// admin key (<see cref="LauncherAdminKey"/>), one for both nodes.
/// </remarks>
internal static class HostedNodes
{
    /// <summary>Longest each node gets to stop, so the launcher exits within about 10 s.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(4);

    public static WebApplication BuildUserNode(
        AllInOneOptions options, string dataFolder, string bootstrapServers, IConfiguration launcherSettings, string adminKey)
    {
        var builder = CreateBuilder("user", typeof(UserNodeApplication).Assembly, options.UserPort, launcherSettings,
            defaults: new()
            {
                ["UserNode:Persistence:Provider"] = "Sqlite",
                ["UserNode:Persistence:ConnectionString"] = $"Data Source={Path.Combine(dataFolder, "user-node.db")}",
            },
            owned: new()
            {
                ["UserNode:Publishing:BootstrapServers"] = bootstrapServers,
                ["UserNode:Cluster:Hostname"] = "127.0.0.1",
                ["UserNode:Cluster:Port"] = "0",
                [LauncherAdminKey.UserNodeKey] = adminKey,
            });
        return UserNodeApplication.Build(builder, LauncherOwnsShutdown);
    }

    public static WebApplication BuildEmailNode(
        AllInOneOptions options, string dataFolder, string bootstrapServers, IConfiguration launcherSettings, string adminKey)
    {
        var builder = CreateBuilder("email", typeof(EmailNodeApplication).Assembly, options.EmailPort, launcherSettings,
            defaults: new()
            {
                ["Email:SendLog:Provider"] = "Sqlite",
                ["Email:SendLog:ConnectionString"] = $"Data Source={Path.Combine(dataFolder, "email-send-log.db")}",
                ["Email:Delivery:Mode"] = "Pickup",
                ["Email:Pickup:Folder"] = MailFolder(dataFolder),
                // The templates are copied to the launcher's output root, not to the node's content root.
                ["Email:Templates:Folder"] = Path.Combine(AppContext.BaseDirectory, "Templates", "Welcome"),
                ["Email:Kafka:DrainTimeout"] = "00:00:03",
                // The embedded (mock) broker holds a fetch that finds no data for the whole
                // fetch.wait.max.ms (librdkafka's default 500 ms) even when a record arrives meanwhile:
                // at idle a signup reached the Email node ~0.4 s late. Real Kafka answers a waiting
                // fetch as soon as data arrives, so only this launcher shortens it.
                ["Email:Kafka:KafkaProperties:fetch.wait.max.ms"] = "20",
                // The dashboard's "slow the mail" experiment sets the delivery delay at run time.
                ["Email:Admin:Experiments"] = "true",
                // Both nodes share this process's CPUs: e-mails are handled on threads of lowered
                // priority so that a burst of them does not slow signups (docs/benchmarks.md).
                ["Email:Kafka:HandlerThreads"] = "2",
            },
            owned: new()
            {
                ["Email:Kafka:BootstrapServers"] = bootstrapServers,
                [LauncherAdminKey.EmailNodeKey] = adminKey,
            });
        return EmailNodeApplication.Build(builder, LauncherOwnsShutdown);
    }

    /// <summary>
    /// The dashboard, watching the two nodes once they run (their URLs are known only then), with the
    /// experiments on and the embedded cluster's broker control.
    /// </summary>
    public static WebApplication BuildDashboard(
        AllInOneOptions options, string userNodeUrl, string emailNodeUrl, IConfiguration launcherSettings, string adminKey, IBrokerControl brokers)
    {
        var builder = CreateBuilder("dashboard", typeof(DashboardApplication).Assembly, options.DashboardPort, launcherSettings,
            defaults: new()
            {
                ["Dashboard:Experiments:Enabled"] = "true",
            },
            owned: new()
            {
                ["Dashboard:UserNodeUrl"] = userNodeUrl,
                ["Dashboard:EmailNodeUrls:0"] = emailNodeUrl,
                ["Dashboard:AdminKey"] = adminKey,
            });
        builder.Services.AddSingleton(brokers);
        return DashboardApplication.Build(builder);
    }

    /// <summary>
    /// Akka runs a node's coordinated shutdown on SIGTERM by itself (its CLR termination hook), which
    /// would stop both nodes at once behind the launcher's back; the launcher stops them in order instead.
    /// </summary>
    private static void LauncherOwnsShutdown(AkkaConfigurationBuilder akka) =>
        akka.AddHocon("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off", HoconAddMode.Prepend);

    /// <summary>Where the Email node writes the e-mails.</summary>
    public static string MailFolder(string dataFolder) => Path.Combine(dataFolder, "mail");

    private static WebApplicationBuilder CreateBuilder(
        string folder,
        Assembly node,
        int port,
        IConfiguration launcherSettings,
        Dictionary<string, string?> defaults,
        Dictionary<string, string?> owned)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = node.GetName().Name,
            ContentRootPath = Path.Combine(AppContext.BaseDirectory, "nodes", folder),
        });

        // Right behind the node's own JSON files, so environment variables and the command line still win.
        var sources = builder.Configuration.Sources;
        var afterJsonFiles = sources.Select((source, index) => source is FileConfigurationSource ? index + 1 : 0).Max();
        sources.Insert(afterJsonFiles, new ChainedConfigurationSource { Configuration = launcherSettings, ShouldDisposeConfiguration = false });
        sources.Insert(afterJsonFiles + 1, new MemoryConfigurationSource { InitialData = defaults });
        builder.Configuration.AddInMemoryCollection(owned);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");

        builder.Services.AddSingleton<IHostLifetime, LauncherControlledLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = StopTimeout);
        return builder;
    }
}
