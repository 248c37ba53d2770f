using Akka.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using SignupEmail.Shared.Hosting;
using SignupEmail.Shared.Hosting.Admin;
using SignupEmail.Shared.Hosting.Telemetry;
using SignupEmail.Streams.Kafka.Diagnostics;
using SignupEmail.UserNode.Admin;
using SignupEmail.UserNode.Cluster;
using SignupEmail.UserNode.Configuration;
using SignupEmail.UserNode.Persistence;
using SignupEmail.UserNode.Publishing;
using SignupEmail.UserNode.Signup;
using SignupEmail.UserNode.Users;

namespace SignupEmail.UserNode.Hosting;

/// <summary>
/// The whole User node on a <see cref="WebApplicationBuilder"/>: its own process uses it
/// (<c>Program.cs</c>) and so does the one-command launcher, which hosts it next to the Email node.
/// </summary>
public static class UserNodeApplication
{
    /// <summary>Path of the liveness probe: the process answers HTTP and its actor system runs (Akka.Hosting's check).</summary>
    public const string LivePath = "/health/live";

    /// <summary>Path of the readiness probe: the node is an Up cluster member and its journal's database answers.</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>Path of the full report (JSON): membership and the journal publisher; Degraded answers 200.</summary>
    public const string HealthPath = "/health";

    /// <summary>Path of the interactive API reference (Scalar) over the OpenAPI document.</summary>
    public const string DocsPath = "/scalar";

    /// <summary>Configuration section of the node's telemetry switches.</summary>
    public const string TelemetrySection = UserNodeOptions.Section + ":Telemetry";

    /// <summary>Service name in traces and metrics unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string DefaultServiceName = "signupemail-user-node";

    /// <summary>The node's own activity sources and meters, and those of the Kafka stages it runs.</summary>
    public static readonly IReadOnlyList<string> TelemetrySources = ["SignupEmail.UserNode.*", KafkaTelemetry.Name];

    /// <summary>Registers the node's services on <paramref name="builder"/> and maps its endpoints.</summary>
    /// <param name="builder">The web application to build the node on.</param>
    /// <param name="configureAkka">Applied after the node's own Akka settings; a host of several nodes uses it.</param>
    public static WebApplication Build(WebApplicationBuilder builder, Action<AkkaConfigurationBuilder>? configureAkka = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddUserNodeOptions(builder.Configuration);
        builder.AddNodeTelemetry(TelemetrySection, DefaultServiceName, TelemetrySources);
        // Hosted services start in registration order: the database is checked before the actor system starts.
        builder.Services.AddHostedService<JournalDatabaseStartupCheck>();
        builder.Services.AddAkka(UserNodeActorSystem.Name, (akka, services) =>
        {
            var node = services.GetRequiredService<IOptions<UserNodeOptions>>().Value;
            akka.AddUserNodeHocon()
                .ConfigureLoggers(logging => logging.AddLoggerFactory())
                .WithActorSystemLivenessCheck(tags: [NodeHealthTags.Live])
                .WithUserNodeCluster(node.Cluster)
                .WithUserJournal(node.Persistence)
                .WithUserEntities(new UserEntitySettings(node.Users.SnapshotEvery), node.Users.NumberOfShards, node.Users.PassivateIdleAfter)
                .WithJournalPublisher(node.Publishing, node.Persistence);
            configureAkka?.Invoke(akka);
        });
        builder.Services.AddSignup();
        builder.Services.AddSingleton(services => new AdminKey(services.GetRequiredService<IOptions<UserNodeOptions>>().Value.Admin.ApiKey));
        builder.Services.AddUserNodeAdmin();
        builder.Services.AddHealthChecks()
            .AddCheck<ClusterMembershipHealthCheck>("cluster-membership", tags: ["ready"])
            .AddCheck<JournalDatabaseHealthCheck>(JournalDatabaseHealthCheck.Name, tags: ["ready"], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<JournalPublisherHealthCheck>(JournalPublisherHealthCheck.Name);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(NodeHealthTags.Live) });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(NodeHealthTags.Ready) });
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthReportJson.WriteAsync });
        app.MapUserEndpoints();
        app.MapAdminApi("user", UserNodeOptions.Section).MapUserNodeAdmin();
        app.MapNodeTelemetry();
        return app;
    }
}
