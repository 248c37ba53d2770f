using Akka.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.EmailNode.Hosting;
using SignupEmail.EmailNode.SendLog;
using SignupEmail.EmailNode.Settings;
using SignupEmail.Shared.Hosting.Telemetry;

namespace SignupEmail.EmailNode.Bench;

/// <summary>
/// The Email node as its Program.cs wires it (AddEmailNode, AddAkka with the node's HOCON,
/// AddEmailPipeline), without the HTTP side, configured in memory: a fresh consumer group, a fresh
/// SQLite send log and either a pickup folder or an SMTP server.
/// </summary>
internal sealed class NodeHost : IAsyncDisposable
{
    /// <summary>fetch.wait.max.ms for every consumer of the bench (see the comment where the node gets it).</summary>
    public static readonly KeyValuePair<string, string> FetchWaitMaxMs = new("fetch.wait.max.ms", "5");

    private readonly IHost _host;

    private NodeHost(IHost host) => _host = host;

    public ISendLog SendLog => _host.Services.GetRequiredService<ISendLog>();

    public EmailPipeline Pipeline => _host.Services.GetRequiredService<EmailPipeline>();

    /// <summary>Starts the node; <paramref name="delivery"/> holds the <c>Email:Delivery</c>, <c>Email:Pickup</c> or <c>Email:Smtp</c> keys.</summary>
    /// <remarks>With <c>withTelemetry</c>, OpenTelemetry is registered as the node does (its <c>Email:Telemetry</c> keys decide; nothing scrapes or receives it).</remarks>
    public static async Task<NodeHost> StartAsync(string bootstrapServers, string folder, string groupId, IDictionary<string, string?> delivery, bool withTelemetry = false)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Email:From"] = "SignupEmail <welcome@signupemail.local>",
            ["Email:SendLog:Provider"] = SendLogProviders.Sqlite,
            ["Email:SendLog:ConnectionString"] = $"Data Source={Path.Combine(folder, "send-log.db")}",
            // The shipped templates are copied next to the bench's binary with the node's output.
            ["Email:Templates:Folder"] = Path.Combine(AppContext.BaseDirectory, "Templates", "Welcome"),
            ["Email:Templates:DefaultLocale"] = "en",
            ["Email:Kafka:BootstrapServers"] = bootstrapServers,
            ["Email:Kafka:GroupId"] = groupId,
            // As in the tests: rebalances on the mock cluster wait about session.timeout.ms.
            ["Email:Kafka:KafkaProperties:session.timeout.ms"] = "6000",
            ["Email:Kafka:KafkaProperties:heartbeat.interval.ms"] = "1000",
            // The mock broker holds every fetch for the full fetch.wait.max.ms (500 ms by default)
            // instead of answering when a record arrives, as a real broker does; left alone, the
            // steady-rate latency measures that wait (p50 ~250 ms, max ~500 ms measured). Same
            // setting as bench/UserNode.Bench's consumer.
            [$"Email:Kafka:KafkaProperties:{FetchWaitMaxMs.Key}"] = FetchWaitMaxMs.Value,
        };
        foreach (var (key, value) in delivery)
        {
            settings[key] = value;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = folder,
            EnvironmentName = Environments.Production,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        // Warnings only: the node logs every delivered e-mail at Information, which on a console
        // would measure the console. The raw loop gets no logging either.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        if (withTelemetry)
        {
            builder.AddNodeTelemetry(EmailNodeApplication.TelemetrySection, EmailNodeApplication.DefaultServiceName, EmailNodeApplication.TelemetrySources);
        }

        builder.Services.AddEmailNode(builder.Configuration);
        builder.Services.AddAkka(EmailNodeActorSystem.Name, (akka, _) =>
        {
            // Akka's own stdout logger speaks once the host's logger factory is gone, at shutdown.
            akka.AddHocon("akka.stdout-loglevel = WARNING", HoconAddMode.Prepend)
                .AddEmailNodeHocon()
                .ConfigureLoggers(logging => logging.AddLoggerFactory());
        });
        builder.Services.AddEmailPipeline(builder.Configuration);

        var host = builder.Build();
        await host.StartAsync();
        return new NodeHost(host);
    }

    /// <summary>Stops like the node does: the pipeline drains (commits) before the actor system goes.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(60));
        _host.Dispose();
    }
}
