using System.Data.Common;
using Npgsql;
using SignupEmail.Testing;

namespace SignupEmail.UserNode.Tests.Http;

/// <summary>A new database on the test PostgreSQL server, dropped at the end.</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly PostgresScratchDatabase _database;

    private PostgresTestDatabase(PostgresScratchDatabase database) => _database = database;

    public override string Provider => "PostgreSql";

    public override string ConnectionString => _database.ConnectionString;

    public string DatabaseName => _database.Name;

    public static async Task<PostgresTestDatabase> CreateAsync() => new(await PostgresScratchDatabase.CreateAsync("usernode"));

    public override ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override DbConnection OpenConnection() => new NpgsqlConnection(ConnectionString);
}
