using Npgsql;

namespace SignupEmail.EndToEnd.Tests;

/// <summary>Reads the Email nodes' shared send log (<c>email_send_log</c>, see src/EmailNode/SendLog) directly.</summary>
internal static class SendLogTable
{
    /// <summary>Every row as (event id, status), in no particular order.</summary>
    public static async Task<IReadOnlyList<(Guid EventId, string Status)>> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT event_id, status FROM email_send_log", connection);
        await using var reader = await query.ExecuteReaderAsync();
        var rows = new List<(Guid, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((Guid.Parse(reader.GetString(0)), reader.GetString(1)));
        }

        return rows;
    }
}
