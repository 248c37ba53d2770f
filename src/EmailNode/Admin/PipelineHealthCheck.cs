using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SignupEmail.EmailNode.Consuming;

namespace SignupEmail.EmailNode.Admin;

/// <summary>
/// Readiness of the consuming pipeline. Unhealthy while no consumer runs (starting, restarting after
/// a failure, stopped). Healthy while it runs with partitions assigned, or has been without any for
/// less than <see cref="AssignmentGrace"/> (joining the group, a rebalance). Degraded once it has
/// been without partitions longer: a standby node (more members in the group than the topic has
/// partitions) or a consumer that cannot join its group. Degraded still answers 200, so a standby
/// replica is not restarted or taken out, and a long rebalance does not make readiness flap.
/// </summary>
/// <param name="pipeline">The pipeline.</param>
/// <param name="options">Whether consuming is enabled, and the topic.</param>
public sealed class PipelineHealthCheck(EmailPipeline pipeline, IOptions<ConsumingOptions> options) : IHealthCheck
{
    /// <summary>
    /// How long a running consumer may be without partitions and still be Healthy: joining a group
    /// or a rebalance waits for members for up to about a session timeout (45 s by default).
    /// </summary>
    public static readonly TimeSpan AssignmentGrace = TimeSpan.FromSeconds(60);

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Consuming is disabled (Email:Kafka:Enabled = false)."));
        }

        var partitions = pipeline.AssignedPartitions.Select(p => p.Partition.Value).Order().ToArray();
        return Task.FromResult(Evaluate(pipeline.IsRunning, partitions, pipeline.TimeWithoutPartitions, pipeline.Runs, options.Value.Topic));
    }

    /// <summary>The readiness of a pipeline in this state (see the class summary).</summary>
    internal static HealthCheckResult Evaluate(bool running, int[] assignedPartitions, TimeSpan withoutPartitions, int runs, string topic)
    {
        var data = new Dictionary<string, object>
        {
            ["assignedPartitions"] = assignedPartitions,
            ["runs"] = runs,
        };
        if (!running)
        {
            return HealthCheckResult.Unhealthy("The consumer is not running (starting, restarting after a failure, or stopped).", data: data);
        }

        if (assignedPartitions.Length > 0)
        {
            return HealthCheckResult.Healthy("Consuming.", data);
        }

        var seconds = withoutPartitions.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        data["secondsWithoutPartitions"] = seconds;
        return withoutPartitions < AssignmentGrace
            ? HealthCheckResult.Healthy($"The consumer runs and waits for partitions of '{topic}' (joining the group or a rebalance, {seconds} s so far).", data)
            : HealthCheckResult.Degraded(
                $"The consumer runs but has had no partition of '{topic}' for {seconds} s: the group has at least as many other members as the topic has partitions " +
                "(this node stands by), or the consumer cannot join its group (see the log).",
                data: data);
    }
}
