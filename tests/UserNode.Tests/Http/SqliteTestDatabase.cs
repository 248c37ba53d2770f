using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SignupEmail.UserNode.Tests.Http;

/// <summary>A SQLite file in a fresh temporary directory.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "signupemail-usernode-tests", Guid.NewGuid().ToString("N"));

    public override string Provider => "Sqlite";

    public override string ConnectionString => $"Data Source={Path.Combine(_directory, "users.db")}";

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    protected override DbConnection OpenConnection() => new SqliteConnection(ConnectionString);
}
