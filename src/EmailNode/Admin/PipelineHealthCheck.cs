using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SignupEmail.EmailNode.Consuming;

namespace SignupEmail.EmailNode.Admin;

/// <summary>Ready when the consuming pipeline runs a consumer (or consuming is switched off on purpose).</summary>
/// <param name="pipeline">The pipeline.</param>
/// <param name="options">Whether consuming is enabled.</param>
public sealed class PipelineHealthCheck(EmailPipeline pipeline, IOptions<ConsumingOptions> options) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Consuming is disabled (Email:Kafka:Enabled = false)."));
        }

        var data = new Dictionary<string, object>
        {
            ["assignedPartitions"] = pipeline.AssignedPartitions.Select(p => p.Partition.Value).Order().ToArray(),
            ["runs"] = pipeline.Runs,
        };
        return Task.FromResult(pipeline.IsRunning
            ? HealthCheckResult.Healthy("Consuming.", data)
            : HealthCheckResult.Unhealthy("The consumer is not running (starting, restarting after a failure, or stopped).", data: data));
    }
}
