using Npgsql;
using SignupEmail.EmailNode.SendLog;
using SignupEmail.Testing;

namespace SignupEmail.EmailNode.Tests;

/// <summary>Each test gets a database of its own on the test server, dropped afterwards.</summary>
public sealed class PostgresSendLogSpec : SendLogSpec
{
    private readonly string _database = $"signupemail_sendlog_{Guid.NewGuid():N}";

    protected override async Task<SendLogOptions> CreateDatabaseAsync()
    {
        await using (var admin = new NpgsqlConnection(TestDatabases.PostgresConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(TestDatabases.PostgresConnectionString) { Database = _database };
        return new SendLogOptions { Provider = SendLogProviders.PostgreSql, ConnectionString = builder.ConnectionString };
    }

    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestDatabases.PostgresConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
