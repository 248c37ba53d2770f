using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SignupEmail.EmailNode.Bench;

/// <summary>
/// Reads a SQLite send log file directly: <see cref="SendLog.ISendLog"/> lists at most 1 000 entries,
/// and the bench needs every event id with its recorded time.
/// </summary>
internal static class SendLogReader
{
    /// <summary>The time each event was recorded as sent, by event id.</summary>
    public static async Task<Dictionary<Guid, DateTimeOffset>> SentAsync(string databaseFile)
    {
        await using var connection = new SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT event_id, recorded_at FROM email_send_log WHERE status = 'sent'";
        var sent = new Dictionary<Guid, DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sent[Guid.Parse(reader.GetString(0))] = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        return sent;
    }
}
