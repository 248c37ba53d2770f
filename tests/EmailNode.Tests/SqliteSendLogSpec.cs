using LinqToDB.Data;
using Microsoft.Data.Sqlite;
using SignupEmail.EmailNode.SendLog;

namespace SignupEmail.EmailNode.Tests;

public sealed class SqliteSendLogSpec : SendLogSpec
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("signupemail-sendlog-");

    protected override Task<SendLogOptions> CreateDatabaseAsync() => Task.FromResult(new SendLogOptions
    {
        Provider = SendLogProviders.Sqlite,
        ConnectionString = $"Data Source={Path.Combine(_folder.FullName, "send-log.db")}",
    });

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
        return Task.CompletedTask;
    }

    protected override async Task<IReadOnlyList<string>> IndexNamesAsync()
    {
        await using var db = Log.Open();
        return (await db.QueryToListAsync<string>($"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = '{SendLogRow.TableName}'")).ToList();
    }

    [Fact]
    public async Task Every_connection_gets_busy_timeout_wal_and_normal_synchronous()
    {
        await using var db = Log.Open();

        Assert.Equal(5000, await db.ExecuteAsync<long>("PRAGMA busy_timeout"));
        Assert.Equal("wal", await db.ExecuteAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1, await db.ExecuteAsync<long>("PRAGMA synchronous"));
    }
}
