using LinqToDB;
using LinqToDB.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SignupEmail.Shared.Sql;

/// <summary>
/// Whether a node's database answers: opens a connection and runs <c>SELECT 1</c>. Used at start-up
/// (a wrong database fails the start naming the key) and by readiness checks. The problem it reports
/// is the database's own reason, never the connection string, which may hold a password.
/// </summary>
/// <param name="provider">The database kind.</param>
/// <param name="connectionString">Where it is.</param>
public sealed class SqlDatabaseProbe(SqlProvider provider, string connectionString)
{
    private readonly DataOptions _options = SqlProviders.DataOptions(provider, connectionString);

    /// <summary><c>null</c> when the database answered, else why it did not, in one line.</summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        try
        {
            var db = new DataConnection(_options);
            await using (db.ConfigureAwait(false))
            {
                await db.ExecuteAsync<int>("SELECT 1", cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return Describe(ex);
        }
    }

    /// <summary>The database's reason for <paramref name="exception"/>, in one line.</summary>
    public string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return postgres.MessageText;
                case SqliteException sqlite:
                    return $"cannot open SQLite database '{SqlProviders.SqliteFile(connectionString)}': {sqlite.Message}";
                case SqlException sqlServer:
                    return OneLine(sqlServer.Message);
                case NpgsqlException npgsql:
                    return OneLine(npgsql.InnerException is { } cause ? $"{npgsql.Message} ({cause.Message})" : npgsql.Message);
                default:
                    break;
            }
        }

        return OneLine(exception.Message);
    }

    // NodeProcess prints one reason per line and splits on "; ".
    private static string OneLine(string text) =>
        text.ReplaceLineEndings(" ").Replace("; ", ", ", StringComparison.Ordinal).Trim();
}
