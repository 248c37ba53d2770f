using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using SignupEmail.EmailNode.Hosting;
using SignupEmail.Testing;
using SignupEmail.UserNode.Hosting;

namespace SignupEmail.DevHost.Tests.Telemetry;

/// <summary>
/// A User node and an Email node in this process on the embedded Kafka, as the one-command run
/// hosts them, each exporting its spans to a list of its own (OpenTelemetry's in-memory exporter).
/// Each run has topics and a group of its own.
/// </summary>
internal sealed class TracedNodes : IAsyncDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("signupemail-traces-");

    private TracedNodes(KafkaClusterFixture kafka)
    {
        Topic = kafka.CreateUniqueTopic("traced");
        DeadLetterTopic = kafka.CreateUniqueTopic("traced-dlt");
        MailFolder = Path.Combine(_folder.FullName, "mail");
        UserNode = Build(
            "user",
            new()
            {
                ["UserNode:Persistence:Provider"] = "Sqlite",
                ["UserNode:Persistence:ConnectionString"] = $"Data Source={Path.Combine(_folder.FullName, "user-node.db")}",
                ["UserNode:Publishing:BootstrapServers"] = kafka.BootstrapServers,
                ["UserNode:Publishing:Topic"] = Topic,
                ["UserNode:Cluster:Hostname"] = "127.0.0.1",
                ["UserNode:Cluster:Port"] = "0",
                ["UserNode:Signup:PasswordHashIterations"] = "1000",
            },
            UserSpans,
            UserNodeApplication.Build);
        EmailNode = Build(
            "email",
            new()
            {
                ["Email:SendLog:Provider"] = "Sqlite",
                ["Email:SendLog:ConnectionString"] = $"Data Source={Path.Combine(_folder.FullName, "email-send-log.db")}",
                ["Email:Delivery:Mode"] = "Pickup",
                ["Email:Pickup:Folder"] = MailFolder,
                ["Email:Templates:Folder"] = Path.Combine(AppContext.BaseDirectory, "Templates", "Welcome"),
                ["Email:Kafka:BootstrapServers"] = kafka.BootstrapServers,
                ["Email:Kafka:Topic"] = Topic,
                ["Email:Kafka:DeadLetterTopic"] = DeadLetterTopic,
                ["Email:Kafka:GroupId"] = KafkaClusterFixture.UniqueGroupId("traced"),
                ["Email:Kafka:DrainTimeout"] = "00:00:03",
                ["Email:Kafka:KafkaProperties:fetch.wait.max.ms"] = "20",
                ["Email:Kafka:KafkaProperties:session.timeout.ms"] = "6000",
                ["Email:Kafka:KafkaProperties:heartbeat.interval.ms"] = "1000",
            },
            EmailSpans,
            EmailNodeApplication.Build,
            EmailLogs);
    }

    public static TimeSpan Deadline { get; } = TimeSpan.FromSeconds(60);

    public string Topic { get; }

    public string DeadLetterTopic { get; }

    public string MailFolder { get; }

    public WebApplication UserNode { get; }

    public WebApplication EmailNode { get; }

    /// <summary>What the User node's tracer exported.</summary>
    public List<Activity> UserSpans { get; } = [];

    /// <summary>What the Email node's tracer exported.</summary>
    public List<Activity> EmailSpans { get; } = [];

    /// <summary>The Email node's log lines with their scopes' trace ids.</summary>
    public ScopedLogSink EmailLogs { get; } = new();

    /// <summary>Both lists, each span once (in one process, spans of shared sources reach both tracers).</summary>
    public IReadOnlyList<Activity> AllSpans
    {
        // ToArray copies without enumerating: the exporters add to the lists on other threads.
        get => [.. UserSpans.ToArray().Concat(EmailSpans.ToArray()).DistinctBy(span => span.SpanId)];
    }

    public static async Task<TracedNodes> StartAsync(KafkaClusterFixture kafka)
    {
        var nodes = new TracedNodes(kafka);
        await Task.WhenAll(nodes.UserNode.StartAsync(), nodes.EmailNode.StartAsync());
        using var http = new HttpClient();
        await Eventually.TrueAsync(
            async () => (await http.GetAsync(new Uri(nodes.UserUrl, "/health/ready"))).IsSuccessStatusCode
                && (await http.GetAsync(new Uri(nodes.EmailUrl, "/health/ready"))).IsSuccessStatusCode,
            Deadline,
            "both nodes are ready");
        return nodes;
    }

    public Uri UserUrl => new(UserNode.Urls.First());

    public Uri EmailUrl => new(EmailNode.Urls.First());

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(EmailNode.StopAsync(), UserNode.StopAsync());
        await EmailNode.DisposeAsync();
        await UserNode.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private static WebApplication Build(
        string node,
        Dictionary<string, string?> settings,
        List<Activity> spans,
        Func<WebApplicationBuilder, Action<Akka.Hosting.AkkaConfigurationBuilder>?, WebApplication> build,
        ScopedLogSink? logs = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = Path.Combine(AppContext.BaseDirectory, "nodes", node),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        return build(builder, null);
    }
}
