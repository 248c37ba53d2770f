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

    /// <summary>The tags the journal stored for one persistence id.</summary>
    public async Task<IReadOnlyList<string>> ReadTagsAsync(string persistenceId)
    {
        var tags = new List<string>();
        await using var connection = OpenConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT tag FROM tags WHERE persistence_id = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = persistenceId;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tags.Add(reader.GetString(0));
        }

        return tags;
    }

    public abstract ValueTask DisposeAsync();

    protected abstract DbConnection OpenConnection();
}
