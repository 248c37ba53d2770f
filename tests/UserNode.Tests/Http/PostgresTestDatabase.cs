using System.Data.Common;
using Npgsql;
using SignupEmail.Testing;

namespace SignupEmail.UserNode.Tests.Http;

/// <summary>A new database on the test PostgreSQL server, dropped at the end.</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _name;

    private PostgresTestDatabase(string name, string connectionString)
    {
        _name = name;
        ConnectionString = connectionString;
    }

    public override string Provider => "PostgreSql";

    public override string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = TestDatabases.PostgresConnectionString;
        var name = $"usernode_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new PostgresTestDatabase(name, connectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestDatabases.PostgresConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    protected override DbConnection OpenConnection() => new NpgsqlConnection(ConnectionString);
}
