using System.Data.Common;
using Npgsql;

namespace SignupEmail.Signup.Bench.Databases;

/// <summary>A new database on the PostgreSQL server, dropped (with force) at the end.</summary>
internal sealed class PostgresBenchDatabase : BenchDatabase
{
    private readonly string _server;
    private readonly string _name;

    private PostgresBenchDatabase(string server, string name, string connectionString)
    {
        _server = server;
        _name = name;
        ConnectionString = connectionString;
    }

    public override string Kind => "postgres";

    public override string NodeProvider => "PostgreSql";

    public override string ConnectionString { get; }

    public static async Task<PostgresBenchDatabase> CreateAsync(string server)
    {
        var name = $"signup_bench_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new PostgresBenchDatabase(server, name, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
    }

    public override DbConnection OpenConnection() => new NpgsqlConnection(ConnectionString);

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
