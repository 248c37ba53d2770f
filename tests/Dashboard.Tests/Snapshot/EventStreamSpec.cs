using System.Diagnostics;
using System.Text.Json;
using SignupEmail.Dashboard.Tests.Hosting;
using SignupEmail.Testing;

namespace SignupEmail.Dashboard.Tests.Snapshot;

/// <summary><c>GET /api/stream</c>: an event at once with the whole lag history, then only new points; ends at shutdown.</summary>
public sealed class EventStreamSpec : IAsyncLifetime
{
    private FakeNodes _nodes = null!;

    public async Task InitializeAsync() => _nodes = await FakeNodes.StartAsync();

    public async Task DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task The_first_event_comes_at_once_even_when_the_next_refresh_is_a_minute_away()
    {
        await using var dashboard = await HostedDashboard.StartAsync(_nodes, new Dictionary<string, string?>
        {
            ["Dashboard:RefreshInterval"] = "00:01:00",
            ["Dashboard:LagHistory"] = "00:05:00",
        });
        using var client = dashboard.Client(FakeNodes.Key);
        var clock = Stopwatch.StartNew();
        await using var stream = await EventStream.OpenAsync(client);

        var first = await stream.NextAsync(TimeSpan.FromSeconds(10));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"first event after {clock.Elapsed}");
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("2000", stream.Retry);
        Assert.Equal(JsonValueKind.Object, first.GetProperty("kafka").ValueKind);
    }

    [Fact]
    public async Task The_first_event_carries_the_whole_lag_history_and_later_ones_only_the_new_point()
    {
        await using var dashboard = await HostedDashboard.StartAsync(_nodes);
        using var client = dashboard.Client(FakeNodes.Key);

        // Build up some history with a first stream, then open a second one.
        await using (var warmUp = await EventStream.OpenAsync(client))
        {
            await Eventually.TrueAsync(() => warmUp.Count >= 3, TimeSpan.FromSeconds(10), "three refreshes");
        }

        await using var stream = await EventStream.OpenAsync(client);
        var first = await stream.NextAsync(TimeSpan.FromSeconds(10));
        var second = await stream.NextAsync(TimeSpan.FromSeconds(10));

        Assert.True(Points(first) >= 3, $"first event has {Points(first)} points of partition 0");
        Assert.Equal(1, Points(second));
    }

    [Fact]
    public async Task Stopping_the_dashboard_ends_open_streams_promptly()
    {
        var dashboard = await HostedDashboard.StartAsync(_nodes);
        try
        {
            using var client = dashboard.Client(FakeNodes.Key);
            await using var stream = await EventStream.OpenAsync(client);
            await stream.NextAsync(TimeSpan.FromSeconds(10));

            var clock = Stopwatch.StartNew();
            await dashboard.StopAsync();

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"stop took {clock.Elapsed}");
            await Eventually.TrueAsync(() => stream.Ended, TimeSpan.FromSeconds(5), "the stream ended");
        }
        finally
        {
            await dashboard.DisposeAsync();
        }
    }

    private static int Points(JsonElement snapshot) =>
        snapshot.GetProperty("group").GetProperty("lagHistory").GetProperty("0").GetArrayLength();
}
