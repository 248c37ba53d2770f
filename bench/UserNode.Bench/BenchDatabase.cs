using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using SignupEmail.UserNode.Users;
using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Bench;

/// <summary>A journal database for one scenario: a fresh one, or a pre-filled one kept between runs.</summary>
internal sealed class BenchDatabase(string provider, string connectionString)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    public static async Task<BenchDatabase> CreateAsync(string provider, string name, bool fresh)
    {
        if (provider == "Sqlite")
        {
            var directory = Path.Combine(Path.GetTempPath(), "signupemail-usernode-bench");
            Directory.CreateDirectory(directory);
            var file = Path.Combine(directory, name + ".db");
            if (fresh)
            {
                foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                {
                    File.Delete(path);
                }
            }

            return new BenchDatabase(provider, $"Data Source={file}");
        }

        var server = Environment.GetEnvironmentVariable("SIGNUPEMAIL_TEST_POSTGRES")
            ?? throw new InvalidOperationException("SIGNUPEMAIL_TEST_POSTGRES is not set.");
        var database = "usernode_bench_" + name;
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            if (fresh)
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }

            await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{database}'", admin);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
        }

        return new BenchDatabase(provider, new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString);
    }

    public DbConnection Open() => Provider == "Sqlite" ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>
    /// Tops the journal up to <paramref name="events"/> rows exactly as the plugin writes them (one
    /// user per persistence id, serializer 5301, <c>user-registered.v1</c> JSON), then stores the
    /// publisher's offset at the end: an old journal whose events went out long ago.
    /// </summary>
    public async Task PrefillAsync(int events, string publisherId)
    {
        var present = await ScalarAsync("SELECT COUNT(*) FROM journal");
        await using var connection = Open();
        await connection.OpenAsync();
        if (present < events)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText =
                "INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid) " +
                "VALUES (@created, @deleted, @pid, 1, @message, 'user-registered.v1', 5301, @writer)";
            var created = Add(insert, "@created", 0L);
            Add(insert, "@deleted", false);
            var pid = Add(insert, "@pid", string.Empty);
            var message = Add(insert, "@message", Array.Empty<byte>());
            Add(insert, "@writer", Guid.NewGuid().ToString("N"));
            await insert.PrepareAsync();
            for (var i = present; i < events; i++)
            {
                var email = $"prefill.{Guid.NewGuid():N}@example.com";
                var userId = UserIdentity.FromNormalizedEmail(email);
                var registered = new UserRegistered(Guid.CreateVersion7(), userId, email, email, "Prefill", "AQAAAAIAAYagAAAAEPrefillNotARealHash==", DateTimeOffset.UtcNow, "en");
                created.Value = DateTime.UtcNow.Ticks;
                pid.Value = UserEntity.PersistenceIdPrefix + userId;
                message.Value = JsonSerializer.SerializeToUtf8Bytes(registered, Json);
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        var last = await ScalarAsync("SELECT MAX(ordering) FROM journal");
        await using var offset = connection.CreateCommand();
        offset.CommandText = "DELETE FROM publisher_offsets WHERE publisher_id = @id; INSERT INTO publisher_offsets (publisher_id, ordering) VALUES (@id, @ordering)";
        Add(offset, "@id", publisherId);
        Add(offset, "@ordering", last);
        await offset.ExecuteNonQueryAsync();
    }

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
