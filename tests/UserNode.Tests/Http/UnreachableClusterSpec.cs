using System.Diagnostics;
using System.Net;

namespace SignupEmail.UserNode.Tests.Http;

/// <summary>
/// A node whose only seed node does not exist never becomes a cluster member, so its shard region
/// buffers every command and no entity can answer: the honest "cluster cannot answer in time" case.
/// </summary>
public sealed class UnreachableClusterSpec : IAsyncLifetime
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);
    private readonly SqliteTestDatabase _database = new();
    private UserNodeFactory? _node;

    public Task InitializeAsync()
    {
        _node = new UserNodeFactory(_database, new Dictionary<string, string?>
        {
            // Port 1 (tcpmux) is never an Akka node here; joining it keeps failing.
            ["UserNode:Cluster:SeedNodes:0"] = "akka.tcp://signup-user@127.0.0.1:1",
            ["UserNode:Signup:AskTimeout"] = "00:00:02",
            ["UserNode:Signup:RetryAfterSeconds"] = "7",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _node!.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Signup_answers_503_with_retry_after_within_the_ask_timeout()
    {
        using var client = _node!.CreateClient();
        var clock = Stopwatch.StartNew();

        using var signup = await client.PostAsync("/api/users", SignupJson.Signup(SignupJson.UniqueEmail("unreachable")));
        var signupTook = clock.Elapsed;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, signup.StatusCode);
        Assert.Equal("application/problem+json", signup.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(7), signup.Headers.RetryAfter?.Delta);
        // Bounded by the Ask timeout (plus generous slack for host start and a loaded machine), not a hang.
        Assert.InRange(signupTook, AskTimeout, AskTimeout + TimeSpan.FromSeconds(30));
    }
}
