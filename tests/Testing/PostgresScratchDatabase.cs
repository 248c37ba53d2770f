using Npgsql;

namespace SignupEmail.Testing;

/// <summary>
/// A database of its own on the test PostgreSQL server (<see cref="TestDatabases.PostgresConnectionString"/>),
/// dropped on dispose, so that tests running side by side never see each other's tables.
/// </summary>
public sealed class PostgresScratchDatabase : IAsyncDisposable
{
    /// <summary>How long dispose keeps retrying a drop that PostgreSQL refuses for a passing reason.</summary>
    public static readonly TimeSpan DropDeadline = TimeSpan.FromSeconds(30);

    private PostgresScratchDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database's name: <c>{prefix}_{random}</c>.</summary>
    public string Name { get; }

    /// <summary>The server's connection string pointed at this database.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresScratchDatabase> CreateAsync(string prefix)
    {
        var server = TestDatabases.PostgresConnectionString;
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new PostgresScratchDatabase(name, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        // Pooled connections would keep the database busy; FORCE ends any the code under test leaked.
        NpgsqlConnection.ClearAllPools();
        await PostgresDatabaseDrop.RetryAsync(DropAsync, DropDeadline);
    }

    private async Task DropAsync()
    {
        await using var admin = new NpgsqlConnection(TestDatabases.PostgresConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
