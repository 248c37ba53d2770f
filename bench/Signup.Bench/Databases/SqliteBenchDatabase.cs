using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SignupEmail.Signup.Bench.Databases;

/// <summary>A SQLite file in a fresh temporary folder (the node and the baseline switch it to WAL).</summary>
internal sealed class SqliteBenchDatabase : BenchDatabase
{
    private readonly string _directory;

    private SqliteBenchDatabase(string directory) => _directory = directory;

    public override string Kind => "sqlite";

    public override string NodeProvider => "Sqlite";

    public override string ConnectionString => $"Data Source={Path.Combine(_directory, "users.db")}";

    public static SqliteBenchDatabase Create()
    {
        var directory = Path.Combine(Path.GetTempPath(), "signupemail-signup-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new SqliteBenchDatabase(directory);
    }

    public override DbConnection OpenConnection() => new SqliteConnection(ConnectionString);

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
