namespace SignupEmail.UserNode.Tests.Http;

/// <summary>One database and one running node per test class; tests may start more nodes on the same database.</summary>
public abstract class UserNodeFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private UserNodeFactory? _node;
    private HttpClient? _client;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialized.");

    public UserNodeFactory Node => _node ?? throw new InvalidOperationException("Not initialized.");

    public HttpClient Client => _client ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _node = new UserNodeFactory(_database);
        _client = _node.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected abstract Task<TestDatabase> CreateDatabaseAsync();
}

public sealed class SqliteUserNodeFixture : UserNodeFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());
}

public sealed class PostgresUserNodeFixture : UserNodeFixture
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
