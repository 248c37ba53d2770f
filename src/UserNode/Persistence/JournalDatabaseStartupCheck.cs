using Microsoft.Extensions.Options;
using SignupEmail.UserNode.Configuration;

namespace SignupEmail.UserNode.Persistence;

/// <summary>
/// Fails the start when the journal's database does not answer (a database that does not exist, a
/// SQLite file that cannot be opened, a wrong password), naming
/// <c>UserNode:Persistence:ConnectionString</c>. Without it the node came up ready while the journal
/// retried its initialization every second, signups timed out with 503 and the log grew by
/// thousands of stack-trace lines a minute. Registered before the actor system, so it runs first.
/// </summary>
/// <param name="options">The node's settings.</param>
public sealed class JournalDatabaseStartupCheck(IOptions<UserNodeOptions> options) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var persistence = options.Value.Persistence;
        var problem = await PersistenceHostingExtensions.ProbeFor(persistence).ProblemAsync(cancellationToken);
        if (problem is not null)
        {
            throw new InvalidOperationException(
                $"{UserNodeOptions.Section}:Persistence:ConnectionString: the {persistence.Provider} database does not answer: {problem}");
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
