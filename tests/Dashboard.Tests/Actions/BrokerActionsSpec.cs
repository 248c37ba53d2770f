using System.Net;
using SignupEmail.Dashboard.Actions;
using SignupEmail.Dashboard.Tests.Hosting;

namespace SignupEmail.Dashboard.Tests.Actions;

/// <summary>The broker routes' answers over an <see cref="IBrokerControl"/>: 202, 404 unknown, 409 last one up; the snapshot shows it down.</summary>
public sealed class BrokerActionsSpec : IAsyncLifetime
{
    private readonly RecordingBrokerControl _brokers = new();
    private FakeNodes _nodes = null!;
    private HostedDashboard _dashboard = null!;

    public async Task InitializeAsync()
    {
        _nodes = await FakeNodes.StartAsync();
        _dashboard = await HostedDashboard.StartAsync(_nodes, new Dictionary<string, string?> { ["Dashboard:Experiments:Enabled"] = "true" }, _brokers);
    }

    public async Task DisposeAsync()
    {
        await _dashboard.DisposeAsync();
        await _nodes.DisposeAsync();
    }

    [Fact]
    public async Task Stop_and_start_answer_202_an_unknown_id_404_and_the_last_broker_up_409()
    {
        using var client = _dashboard.Client(FakeNodes.Key);

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(client, "/api/actions/brokers/2/stop"));
        var snapshot = await SnapshotJson.GetAsync(client);
        Assert.Equal([2], snapshot.GetProperty("actions").GetProperty("brokersDown").EnumerateArray().Select(b => b.GetInt32()));
        Assert.Equal(
            ["up", "down", "up"],
            snapshot.GetProperty("kafka").GetProperty("brokers").EnumerateArray().Select(b => b.GetProperty("state").GetString()));

        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(client, "/api/actions/brokers/7/stop"));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(client, "/api/actions/brokers/1/stop"));
        Assert.Equal(HttpStatusCode.Conflict, await PostAsync(client, "/api/actions/brokers/3/stop"));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(client, "/api/actions/brokers/2/start"));
        Assert.Equal([1], _brokers.Down);
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, string path)
    {
        using var response = await client.PostAsync(path, content: null);
        if (!response.IsSuccessStatusCode)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return response.StatusCode;
    }
}
