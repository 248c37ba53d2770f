using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SignupEmail.Shared.Sql;
using SignupEmail.UserNode.Configuration;

namespace SignupEmail.UserNode.Persistence;

/// <summary>
/// Ready while the journal's database answers <c>SELECT 1</c>: without it every signup would time out.
/// Akka.Persistence.Hosting's own journal health check (<c>WithHealthCheck</c> on the journal builder)
/// reports only the journal's circuit breaker, which stays closed on an idle node whose database has
/// gone, so this asks the database itself. The result carries the database's reason, not an exception,
/// so a failing probe logs one line rather than a stack trace per request.
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
