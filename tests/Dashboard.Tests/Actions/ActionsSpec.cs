using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SignupEmail.Dashboard.Actions;
using SignupEmail.Dashboard.Tests.Hosting;
using SignupEmail.Testing;

namespace SignupEmail.Dashboard.Tests.Actions;

/// <summary>The experiments' HTTP surface: bounds, conflicts, forwarding, and 404 when experiments are off.</summary>
public sealed class ActionsSpec : IAsyncLifetime
{
    private FakeNodes _nodes = null!;
    private HostedDashboard _dashboard = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _nodes = await FakeNodes.StartAsync();
        _dashboard = await HostedDashboard.StartAsync(_nodes, new Dictionary<string, string?>
        {
            ["Dashboard:Experiments:Enabled"] = "true",
            ["Dashboard:Experiments:MaxBurstRate"] = "50",
            ["Dashboard:Experiments:MaxBurstSeconds"] = "60",
        });
        _client = _dashboard.Client(FakeNodes.Key);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _dashboard.DisposeAsync();
        await _nodes.DisposeAsync();
    }

    [Theory]
    [InlineData("{\"rate\":0,\"seconds\":5}", "rate")]
    [InlineData("{\"rate\":51,\"seconds\":5}", "rate")]
    [InlineData("{\"rate\":5,\"seconds\":0}", "seconds")]
    [InlineData("{\"rate\":5,\"seconds\":61}", "seconds")]
    [InlineData("{\"rate\":\"fast\"}", "rate")]
    [InlineData("{\"rate\":", "body")]
    public async Task A_burst_out_of_bounds_is_400_naming_the_field(string body, string field)
    {
        using var response = await _client.PostAsync("/api/actions/burst", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors names {field}: {problem}");
        Assert.Equal(0, _nodes.Requests("/api/users"));
    }

    [Fact]
    public async Task A_burst_sends_paced_signups_counts_their_answers_is_409_while_running_and_stops_on_delete()
    {
        _nodes.SignupStatus = StatusCodes.Status429TooManyRequests;
        using (var started = await _client.PostAsJsonAsync("/api/actions/burst", new { rate = 20, seconds = 30 }))
        {
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        }

        using (var second = await _client.PostAsJsonAsync("/api/actions/burst", new { rate = 5, seconds = 5 }))
        {
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
            Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        }

        var burst = _dashboard.Services.GetRequiredService<BurstRunner>();
        await Eventually.TrueAsync(() => burst.Status.Outcomes.RateLimited >= 5, TimeSpan.FromSeconds(10), because: "five signups answered 429");
        _nodes.SignupStatus = StatusCodes.Status201Created;
        await Eventually.TrueAsync(() => burst.Status.Outcomes.Created >= 5, TimeSpan.FromSeconds(10), because: "five signups answered 201");

        using (var stop = await _client.DeleteAsync("/api/actions/burst"))
        {
            Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        }

        await Eventually.TrueAsync(() => !burst.Status.Running, TimeSpan.FromSeconds(5), because: "the burst stopped");
        var status = burst.Status;
        Assert.True(status.Sent < 20 * 30, $"stopped early: {status}");
        Assert.Equal(status.Sent, status.Outcomes.Created + status.Outcomes.RateLimited + status.Outcomes.Failed);
        Assert.Equal(status.Sent, _nodes.Requests("/api/users"));

        var snapshot = await SnapshotJson.GetAsync(_client);
        var shown = snapshot.GetProperty("actions").GetProperty("burst");
        Assert.False(shown.GetProperty("running").GetBoolean());
        Assert.Equal(status.Sent, shown.GetProperty("sent").GetInt32());

        using var none = await _client.DeleteAsync("/api/actions/burst");
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
    }

    [Fact]
    public async Task The_mail_delay_is_forwarded_to_every_email_node_and_shown_and_delete_clears_it()
    {
        using (var set = await _client.PutAsJsonAsync("/api/actions/mail-delay", new { milliseconds = 250 }))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            Assert.Equal(250, (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("milliseconds").GetInt32());
        }

        Assert.Equal("{\"milliseconds\":250}", Assert.Single(_nodes.Received));
        var snapshot = await SnapshotJson.GetAsync(_client);
        Assert.Equal(250, snapshot.GetProperty("actions").GetProperty("mailDelayMs").GetInt32());

        using (var cleared = await _client.DeleteAsync("/api/actions/mail-delay"))
        {
            Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        }

        Assert.Equal("{\"milliseconds\":0}", _nodes.Received.Last());
    }

    [Theory]
    [InlineData("{\"milliseconds\":-1}")]
    [InlineData("{\"milliseconds\":10001}")]
    [InlineData("{}")]
    public async Task A_mail_delay_out_of_bounds_is_400_naming_milliseconds(string body)
    {
        using var response = await _client.PutAsync("/api/actions/mail-delay", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("milliseconds", out _));
        Assert.Empty(_nodes.Received);
    }

    [Fact]
    public async Task An_email_node_that_refuses_the_delay_is_a_502_naming_it()
    {
        _nodes.Fail("/admin/delivery/delay", StatusCodes.Status404NotFound);
        using var response = await _client.PutAsJsonAsync("/api/actions/mail-delay", new { milliseconds = 100 });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains(_nodes.Url, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await SnapshotJson.GetAsync(_client)).GetProperty("actions").GetProperty("mailDelayMs").GetInt32());
    }

    [Fact]
    public async Task Without_a_broker_control_the_broker_actions_are_404()
    {
        using var response = await _client.PostAsync("/api/actions/brokers/1/stop", content: null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Replay_forwards_the_selection_to_the_email_node_and_returns_its_answer()
    {
        using var response = await _client.PostAsJsonAsync("/api/dead-letters/replay", new { partition = 1, fromOffset = 3, toOffset = 3 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());
        Assert.Equal("{\"partition\":1,\"fromOffset\":3,\"toOffset\":3}", Assert.Single(_nodes.Received));
    }
}
