using System.Diagnostics;
using Npgsql;

namespace SignupEmail.Testing;

/// <summary>
/// Retries <c>DROP DATABASE … WITH (FORCE)</c> while PostgreSQL refuses it for a reason that passes.
/// FORCE must terminate every session in the database, and a role without <c>pg_signal_backend</c>
/// may not terminate an autovacuum worker that happens to be connected (42501, insufficient
/// privilege); the worker leaves within moments. A session that connects between the terminations
/// and the drop makes it fail with 55006 (object in use) the same way.
/// </summary>
public static class PostgresDatabaseDrop
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    /// <summary>Runs <paramref name="drop"/> until it succeeds, retrying passing refusals until <paramref name="deadline"/>.</summary>
    public static async Task RetryAsync(Func<Task> drop, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(drop);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await drop();
                return;
            }
            catch (PostgresException ex) when (IsPassing(ex) && clock.Elapsed + Pause < deadline)
            {
                await Task.Delay(Pause);
            }
        }
    }

    private static bool IsPassing(PostgresException exception) =>
        exception.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse;
}
