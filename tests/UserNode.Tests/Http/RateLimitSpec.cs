using System.Net;

namespace SignupEmail.UserNode.Tests.Http;

public sealed class RateLimitSpec : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private UserNodeFactory? _node;

    public Task InitializeAsync()
    {
        _node = new UserNodeFactory(_database, new Dictionary<string, string?>
        {
            ["UserNode:Signup:RateLimit:PermitLimit"] = "3",
            // Long enough that the window cannot roll over during the test on a slow machine.
            ["UserNode:Signup:RateLimit:Window"] = "00:10:00",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _node!.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Requests_over_the_configured_per_client_limit_get_429_with_retry_after()
    {
        using var client = _node!.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.PostAsync("/api/users", SignupJson.Signup(SignupJson.UniqueEmail("limited")));
            statuses.Add(allowed.StatusCode);
        }

        using var limited = await client.PostAsync("/api/users", SignupJson.Signup(SignupJson.UniqueEmail("limited")));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After tells the client when to come back");
    }
}
