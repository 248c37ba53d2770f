using Akka.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SignupEmail.EmailNode.Admin;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.EmailNode.Settings;
using SignupEmail.Shared.Hosting;
using SignupEmail.Shared.Hosting.Telemetry;
using SignupEmail.Streams.Kafka.Diagnostics;

namespace SignupEmail.EmailNode.Hosting;

/// <summary>
/// The whole Email node on a <see cref="WebApplicationBuilder"/>: its own process uses it
/// (<c>Program.cs</c>) and so does the one-command launcher, which hosts it next to the User node.
/// </summary>
public static class EmailNodeApplication
{
    /// <summary>Path of the liveness probe: the process answers HTTP and its actor system runs (Akka.Hosting's check).</summary>
    public const string LivePath = "/health/live";

    /// <summary>Path of the readiness probe: the consumer runs (and Kafka answers, else Degraded, still 200).</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>Path of the full report (JSON): the pipeline and Kafka, each with its reason; Degraded answers 200.</summary>
    public const string HealthPath = "/health";

    /// <summary>Configuration section of the node's telemetry switches.</summary>
    public const string TelemetrySection = EmailOptions.SectionName + ":Telemetry";

    /// <summary>Service name in traces and metrics unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string DefaultServiceName = "signupemail-email-node";

    /// <summary>The node's own activity sources and meters, and those of the Kafka stages it runs.</summary>
    public static readonly IReadOnlyList<string> TelemetrySources = ["SignupEmail.EmailNode.*", KafkaTelemetry.Name];

    // Beyond the drain's deadline: what the drain does after it (closing the stream, logging).
    private static readonly TimeSpan DrainSlack = TimeSpan.FromSeconds(1);

    /// <summary>Registers the node's services on <paramref name="builder"/> and maps its endpoints.</summary>
    /// <param name="builder">The web application to build the node on.</param>
    /// <param name="configureAkka">Applied after the node's own Akka settings; a host of several nodes uses it.</param>
    public static WebApplication Build(WebApplicationBuilder builder, Action<AkkaConfigurationBuilder>? configureAkka = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Order matters: hosted services start in registration order (send log schema, then the actor
        // system, then the pipeline) and stop in reverse (the pipeline drains before the actor system goes).
        builder.Services.AddEmailNode(builder.Configuration);
        builder.AddNodeTelemetry(TelemetrySection, DefaultServiceName, TelemetrySources);
        builder.Services.AddAkka(EmailNodeActorSystem.Name, (akka, _) =>
        {
            akka.AddEmailNodeHocon()
                .ConfigureLoggers(logging => logging.AddLoggerFactory())
                .WithActorSystemLivenessCheck(tags: [NodeHealthTags.Live]);
            configureAkka?.Invoke(akka);
        });
        builder.Services.AddEmailPipeline(builder.Configuration);
        builder.Services.AddEmailNodeAdmin(builder.Configuration);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();

        // The host's stop budget covers every hosted service; its default (30 s) equals the default
        // drain timeout, so the host would give up on the drain as it ends. Only raised: a launcher
        // that caps each node's stop (DevHost) keeps its cap when the drain fits in it.
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<ConsumingOptions>>((host, consuming) =>
        {
            var needed = consuming.Value.DrainTimeout + DrainSlack;
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestTimeouts();
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(NodeHealthTags.Live) });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(NodeHealthTags.Ready) });
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthReportJson.WriteAsync });
        app.MapOpenApi();
        app.MapEmailNodeAdmin();
        app.MapNodeTelemetry();
        return app;
    }
}
