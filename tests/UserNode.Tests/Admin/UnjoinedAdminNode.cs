using SignupEmail.UserNode.Tests.Http;

namespace SignupEmail.UserNode.Tests.Admin;

/// <summary>
/// A node with the admin API on whose only seed node does not exist: it never becomes a member, so
/// no coordinator or singleton can answer it. Its request timeout is short so the 503 comes quickly.
/// </summary>
public sealed class UnjoinedAdminNode : IAsyncLifetime
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(1);

    private readonly SqliteTestDatabase _database = new();

    public UserNodeFactory Node { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Node = new UserNodeFactory(_database, AdminCalls.Settings(
            // Port 1 (tcpmux) is never an Akka node here; joining it keeps failing.
            ("UserNode:Cluster:SeedNodes:0", "akka.tcp://signup-user@127.0.0.1:1"),
            ("UserNode:Admin:RequestTimeout", RequestTimeout.ToString())));
        Node.CreateClient().Dispose(); // starts the host
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await _database.DisposeAsync();
    }
}
