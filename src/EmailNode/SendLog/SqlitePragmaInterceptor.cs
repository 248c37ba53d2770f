using System.Data.Common;
using LinqToDB.Interceptors;

namespace SignupEmail.EmailNode.SendLog;

/// <summary>
/// Tunes every SQLite connection as it opens; Microsoft.Data.Sqlite cannot take these in the
/// connection string. Without <c>busy_timeout</c> a writer that meets a lock backs off ~150 ms;
/// WAL lets readers run beside the writer; <c>synchronous=NORMAL</c> is safe under WAL.
/// </summary>
internal sealed class SqlitePragmaInterceptor : IConnectionInterceptor
{
    public const string Pragmas = "PRAGMA busy_timeout=5000; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";

    public void ConnectionOpening(ConnectionEventData eventData, DbConnection connection)
    {
    }

    public Task ConnectionOpeningAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public void ConnectionOpened(ConnectionEventData eventData, DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public async Task ConnectionOpenedAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
