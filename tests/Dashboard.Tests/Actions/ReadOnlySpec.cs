using System.Net;
using System.Net.Http.Json;
using SignupEmail.Dashboard.Tests.Hosting;

namespace SignupEmail.Dashboard.Tests.Actions;

/// <summary>With experiments off (production, the compose service) every action is 404; replay still works.</summary>
public sealed class ReadOnlySpec : IAsyncLifetime
{
    private FakeNodes _nodes = null!;
    private HostedDashboard _dashboard = null!;

    public async Task InitializeAsync()
    {
        _nodes = await FakeNodes.StartAsync();
        _dashboard = await HostedDashboard.StartAsync(_nodes, brokers: new RecordingBrokerControl());
    }

    public async Task DisposeAsync()
    {
        await _dashboard.DisposeAsync();
        await _nodes.DisposeAsync();
    }

    [Theory]
    [InlineData("POST", "/api/actions/burst")]
    [InlineData("DELETE", "/api/actions/burst")]
    [InlineData("PUT", "/api/actions/mail-delay")]
    [InlineData("DELETE", "/api/actions/mail-delay")]
    [InlineData("POST", "/api/actions/brokers/1/stop")]
    [InlineData("POST", "/api/actions/brokers/1/start")]
    public async Task Every_action_is_404_problem_and_nothing_reaches_the_nodes(string method, string path)
    {
        using var client = _dashboard.Client(FakeNodes.Key);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { rate = 5, seconds = 5, milliseconds = 5 }) };
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("embedded default run", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, _nodes.Requests("/api/users"));
        Assert.Empty(_nodes.Received);
    }
}
