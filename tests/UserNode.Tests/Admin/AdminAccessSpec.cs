using System.Diagnostics;
using System.Net;
using System.Text.Json;
using SignupEmail.Shared.Hosting.Admin;
using SignupEmail.UserNode.Admin;
using SignupEmail.UserNode.Tests.Http;

namespace SignupEmail.UserNode.Tests.Admin;

/// <summary>
/// The admin routes of a node that is not (yet) a cluster member: guarded by the key, documented, and
/// answering 503 with <c>Retry-After</c> within the request timeout when the cluster cannot answer.
/// </summary>
public sealed class AdminAccessSpec(UnjoinedAdminNode fixture) : IClassFixture<UnjoinedAdminNode>
{
    private static readonly string[] UserNodeRoutes =
        ["/admin/cluster", "/admin/cluster/leave", "/admin/cluster/down", "/admin/sharding/regions", "/admin/sharding/stats", "/admin/publisher"];

    [Fact]
    public async Task The_routes_answer_401_without_the_key_or_with_a_wrong_one_and_200_with_it()
    {
        using var client = fixture.Node.CreateClient();

        using var missing = await client.GetAsync("/admin/cluster");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(AdminKey.HeaderName, missing.Headers.WwwAuthenticate.ToString());

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/admin/cluster");
        wrong.Headers.Add(AdminKey.HeaderName, AdminCalls.Key + "-not");
        using var wrongAnswer = await client.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongAnswer.StatusCode);
        Assert.Equal("application/problem+json", wrongAnswer.Content.Headers.ContentType?.MediaType);

        using var right = new HttpRequestMessage(HttpMethod.Get, "/admin/cluster");
        right.Headers.Add(AdminKey.HeaderName, AdminCalls.Key);
        using var rightAnswer = await client.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, rightAnswer.StatusCode);

        // The contract's names (camelCase); a node that never joined has no members and no leader.
        using var json = JsonDocument.Parse(await rightAnswer.Content.ReadAsStringAsync());
        Assert.Equal(AdminCalls.SelfAddress(fixture.Node), json.RootElement.GetProperty("self").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("leader").ValueKind);
        Assert.Equal(0, json.RootElement.GetProperty("members").GetArrayLength());
        Assert.Equal(0, json.RootElement.GetProperty("unreachable").GetArrayLength());
    }

    [Fact]
    public async Task Without_a_configured_key_the_routes_do_not_exist()
    {
        await using var database = new SqliteTestDatabase();
        await using var node = new UserNodeFactory(database);
        using var client = node.CreateClient();
        client.DefaultRequestHeaders.Add(AdminKey.HeaderName, AdminCalls.Key);

        using var response = await client.GetAsync("/admin/cluster");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_publisher_singleton_that_cannot_be_reached_answers_503_with_retry_after_within_the_request_timeout()
    {
        using var client = AdminCalls.Client(fixture.Node);
        var clock = Stopwatch.StartNew();

        using var response = await client.GetAsync("/admin/publisher");
        var took = clock.Elapsed;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Contains("UserNode:Admin:RequestTimeout", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Bounded by the request timeout (plus slack for a loaded machine), not a hang.
        Assert.InRange(took, UnjoinedAdminNode.RequestTimeout * 0.9, UnjoinedAdminNode.RequestTimeout + TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Sharding_stats_without_a_coordinator_answer_503_while_this_nodes_region_answers_for_itself()
    {
        using var client = AdminCalls.Client(fixture.Node);

        using var stats = await client.GetAsync("/admin/sharding/stats");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stats.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), stats.Headers.RetryAfter?.Delta);

        var region = await AdminCalls.GetAsync<ShardRegionView>(client, "/admin/sharding/regions");
        Assert.Equal("user", region.TypeName);
        Assert.Equal(AdminCalls.SelfAddress(fixture.Node), region.Address);
        Assert.Empty(region.Shards);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_admin_route()
    {
        using var client = fixture.Node.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");

        foreach (var route in UserNodeRoutes)
        {
            Assert.True(paths.TryGetProperty(route, out var operations), $"{route} is documented");
            var operation = operations.EnumerateObject().Single().Value;
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{route} has a summary");
        }

        Assert.True(paths.GetProperty("/admin/publisher").GetProperty("get").GetProperty("responses").TryGetProperty("503", out _), "the 503 is documented");
        Assert.True(
            paths.GetProperty("/admin/cluster/down").GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _),
            "the down request's body is documented");
    }
}
