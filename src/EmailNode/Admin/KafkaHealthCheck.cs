using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SignupEmail.EmailNode.Consuming;

namespace SignupEmail.EmailNode.Admin;

/// <summary>
/// Whether a Kafka broker answers. Never Unhealthy: without Kafka there is nothing to consume, but
/// nothing is lost either (offsets are committed only after a send) and the consumer reconnects and
/// resumes by itself; taking the node out or restarting it would not bring Kafka back, and with every
/// replica affected at once an orchestrator would only churn. So readiness stays 200 and says
/// <c>Degraded</c> with the reason, as the User node's <c>journal-publisher</c> does.
/// </summary>
/// <param name="probe">The shared, rate-limited probe.</param>
/// <param name="options">Whether consuming is enabled.</param>
public sealed class KafkaHealthCheck(KafkaConnectivityProbe probe, IOptions<ConsumingOptions> options) : IHealthCheck
{
    /// <summary>Name of the check in the health report.</summary>
    public const string Name = "kafka";

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return HealthCheckResult.Healthy("Consuming is disabled (Email:Kafka:Enabled = false).");
        }

        var kafka = await probe.CheckAsync(cancellationToken);
        return kafka.Reachable
            ? HealthCheckResult.Healthy($"Kafka answers: {kafka.Brokers} broker(s).")
            : HealthCheckResult.Degraded(
                $"No Kafka broker answered within {KafkaConnectivityProbe.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s ({kafka.Error}). " +
                "Nothing is consumed meanwhile and nothing is lost: the consumer reconnects and resumes from the committed offsets by itself.");
    }
}
