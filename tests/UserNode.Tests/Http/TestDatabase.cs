using System.Data.Common;

namespace SignupEmail.UserNode.Tests.Http;

/// <summary>A database of its own for one test class, on one of the supported providers.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    /// <summary>Every journal row: persistence id, manifest and payload.</summary>
    public async Task<IReadOnlyList<(string PersistenceId, string Manifest, byte[] Payload)>> ReadJournalAsync()
    {
        var rows = new List<(string, string, byte[])>();
        await using var connection = OpenConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT persistence_id, manifest, message FROM journal ORDER BY ordering";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), (byte[])reader.GetValue(2)));
        }

        return rows;
    }

    /// <summary>Whether the database has a table of that name.</summary>
    public async Task<bool> HasTableAsync(string table)
    {
        await using var connection = OpenConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Provider == "Sqlite"
            ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @name"
            : "SELECT count(*) FROM information_schema.tables WHERE table_name = @name";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@name";
        parameter.Value = table;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public abstract ValueTask DisposeAsync();

    protected abstract DbConnection OpenConnection();
}
