using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SignupEmail.Shared.Sql;
using SignupEmail.UserNode.Configuration;

namespace SignupEmail.UserNode.Persistence;

/// <summary>
/// Ready while the journal's database answers <c>SELECT 1</c>: without it every signup would time out.
/// Akka.Persistence.Hosting's own journal health check (<c>WithHealthCheck</c> on the journal builder)
/// asks the plugin, and Akka.Persistence.Sql does not answer for itself: what comes back is the
/// journal's circuit breaker, which stays closed on an idle node whose database has gone. So this asks
/// the database itself. Akka.Persistence.Sql.Hosting's <c>WithConnectivityCheck</c> also runs
/// <c>SELECT 1</c>, but it reports a failure as an exception with a fixed text: the health service logs
/// a stack trace per probe and the report does not say why. This check's result carries the database's
/// reason instead, so a failing probe logs one line and <c>/health</c> names the cause.
/// </summary>
public sealed class JournalDatabaseHealthCheck : IHealthCheck
{
    /// <summary>Name of the check in health reports.</summary>
    public const string Name = "journal-database";

    private readonly SqlDatabaseProbe _probe;

    /// <summary>Probes the database of <c>UserNode:Persistence</c>.</summary>
    public JournalDatabaseHealthCheck(IOptions<UserNodeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _probe = PersistenceHostingExtensions.ProbeFor(options.Value.Persistence);
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problem = await _probe.ProblemAsync(cancellationToken);
        return problem is null
            ? HealthCheckResult.Healthy("The journal's database answers.")
            : HealthCheckResult.Unhealthy($"The journal's database does not answer: {problem}");
    }
}
