namespace SignupEmail.Shared.Hosting.Telemetry;

/// <summary>
/// A node's telemetry switches (<c>UserNode:Telemetry</c>, <c>Email:Telemetry</c>). Where the data
/// goes is the standard <c>OTEL_*</c> environment variables' business (service name, OTLP endpoint),
/// so an operator configures these nodes like any other OpenTelemetry service.
/// </summary>
public sealed class NodeTelemetryOptions
{
    /// <summary>
    /// Metrics, traces and log export at all (<c>Enabled</c>, default on). Off registers no
    /// OpenTelemetry SDK: what the telemetry-off arm of the benchmarks measures.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Serve <c>/metrics</c> in the Prometheus text format (<c>PrometheusEndpoint</c>, default on).</summary>
    public bool PrometheusEndpoint { get; set; } = true;

    /// <summary>
    /// Share of new traces kept, 0 to 1 (<c>TraceSampleRatio</c>, default 1). Parent-based: a request
    /// or record that arrives with a sampling decision keeps it, so one signup's spans in both nodes
    /// are kept or dropped together.
    /// </summary>
    public double TraceSampleRatio { get; set; } = 1.0;
}
