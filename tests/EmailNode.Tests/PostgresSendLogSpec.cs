using LinqToDB.Data;
using SignupEmail.EmailNode.SendLog;
using SignupEmail.Testing;

namespace SignupEmail.EmailNode.Tests;

/// <summary>Each test gets a database of its own on the test server, dropped afterwards.</summary>
public sealed class PostgresSendLogSpec : SendLogSpec
{
    private PostgresScratchDatabase? _database;

    protected override async Task<SendLogOptions> CreateDatabaseAsync()
    {
        _database = await PostgresScratchDatabase.CreateAsync("signupemail_sendlog");
        return new SendLogOptions { Provider = SendLogProviders.PostgreSql, ConnectionString = _database.ConnectionString };
    }

    protected override async Task<IReadOnlyList<string>> IndexNamesAsync()
    {
        await using var db = Log.Open();
        return (await db.QueryToListAsync<string>($"SELECT indexname FROM pg_indexes WHERE tablename = '{SendLogRow.TableName}'")).ToList();
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
