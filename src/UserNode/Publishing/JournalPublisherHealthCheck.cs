using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SignupEmail.UserNode.Configuration;

namespace SignupEmail.UserNode.Publishing;

/// <summary>
/// Asks the publisher singleton, wherever it runs, how it is doing. Never Unhealthy: signups are
/// stored whatever the publisher does and go out once it runs again, so the node stays ready; an
/// operator sees <c>Degraded</c> on <c>/health</c> with the reason.
/// </summary>
public sealed class JournalPublisherHealthCheck(
    IRequiredActor<JournalPublisherSingleton> publisher, IOptions<UserNodeOptions> options) : IHealthCheck
{
    /// <summary>Name of the check in the health report.</summary>
    public const string Name = "journal-publisher";

    // Below the few seconds a prober waits, above a busy node's round trip to another member.
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        PublisherStatus status;
        try
        {
            var proxy = await publisher.GetAsync(cancellationToken);
            status = await proxy.Ask<PublisherStatus>(GetPublisherStatus.Instance, AnswerTimeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return HealthCheckResult.Degraded(
                $"The journal publisher did not answer within {Seconds(AnswerTimeout)} s: it is starting, restarting " +
                "after a failure, or moving to another node. Signups are stored and go out once it runs.");
        }

        var stalledAfter = options.Value.Publishing.StalledAfter;
        if (!status.Running)
        {
            return HealthCheckResult.Degraded(
                $"The journal publisher is starting (waiting for the journal); published up to ordering {status.CommittedOrdering}.");
        }

        if (status.Held > 0)
        {
            // Degraded, not Unhealthy: readiness would take every node out of service for one bad row.
            return HealthCheckResult.Degraded(
                $"{status.Held} stored signup(s) cannot be published and are held; the first: {status.FirstHeld}. " +
                $"Published up to journal ordering {status.CommittedOrdering} and held there; later signups still go out. " +
                "Fix the cause and restart: the held signups are read again.");
        }

        if (status.InFlight > 0 && status.WaitingForKafka >= stalledAfter)
        {
            return HealthCheckResult.Degraded(
                $"{status.InFlight} record(s) handed to Kafka have had no acknowledgement for {Seconds(status.WaitingForKafka)} s " +
                $"(limit {Seconds(stalledAfter)} s); signups are stored and go out once Kafka answers.");
        }

        return HealthCheckResult.Healthy(
            $"Published up to journal ordering {status.CommittedOrdering}; {status.InFlight} record(s) in flight, {status.OpenGaps} open gap(s).");
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
