using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SignupEmail.Shared.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry for a node: traces and metrics of the node's own sources plus ASP.NET Core,
/// HttpClient and the .NET runtime; a Prometheus scrape endpoint; export over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. The nodes' <c>ActivitySource</c>s and <c>Meter</c>s
/// live beside the code they describe; this only registers them.
/// </summary>
public static class NodeTelemetry
{
    /// <summary>Path of the Prometheus scrape endpoint.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Standard variable naming the service in every span and metric.</summary>
    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";

    /// <summary>Standard variable naming the OTLP collector; unset, nothing is pushed anywhere.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Registers telemetry from <paramref name="section"/> (a <see cref="NodeTelemetryOptions"/>)
    /// and the standard <c>OTEL_*</c> variables.
    /// </summary>
    /// <param name="builder">The node's web application (or a generic host running the node without HTTP).</param>
    /// <param name="section">The node's telemetry section, e.g. <c>UserNode:Telemetry</c>.</param>
    /// <param name="defaultServiceName">Service name when <c>OTEL_SERVICE_NAME</c> is not set.</param>
    /// <param name="sources">The <c>ActivitySource</c> and <c>Meter</c> names the node emits on.</param>
    public static TBuilder AddNodeTelemetry<TBuilder>(
        this TBuilder builder, string section, string defaultServiceName, IReadOnlyCollection<string> sources)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(sources);
        var configuration = builder.Configuration;
        builder.Services.AddOptions<NodeTelemetryOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<NodeTelemetryOptions>>(new NodeTelemetryOptionsValidator(section));

        // Every log scope carries the current span: a signup's lines in both nodes share its trace id.
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        // Read here, not through IOptions: whether the SDK is there at all is decided while services are registered.
        var settings = configuration.GetSection(section).Get<NodeTelemetryOptions>() ?? new NodeTelemetryOptions();
        if (!settings.Enabled)
        {
            return builder;
        }

        var serviceName = configuration[ServiceNameVariable] is { Length: > 0 } name ? name : defaultServiceName;
        var version = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: version))
            .WithTracing(tracing => tracing
                .AddSource([.. sources])
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = http => !IsOperational(http.Request.Path))
                .AddHttpClientInstrumentation()
                .SetSampler(services => new ParentBasedSampler(new TraceIdRatioBasedSampler(
                    services.GetRequiredService<IOptions<NodeTelemetryOptions>>().Value.TraceSampleRatio))))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. sources])
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (settings.PrometheusEndpoint)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]))
        {
            // Traces, metrics and logs (with their trace and span ids) to one collector.
            telemetry.WithLogging(_ => { }, logging => logging.IncludeScopes = true).UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Maps <see cref="MetricsPath"/> when the SDK and the endpoint are both on.</summary>
    public static WebApplication MapNodeTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Services.GetRequiredService<IOptions<NodeTelemetryOptions>>().Value;
        if (settings.Enabled && settings.PrometheusEndpoint)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath);
        }

        return app;
    }

    // Probes and scrapes every few seconds would bury the signups' traces.
    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
