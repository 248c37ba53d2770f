using System.Diagnostics;
using SignupEmail.Dashboard.Tests.Hosting;
using SignupEmail.Testing;

namespace SignupEmail.Dashboard.Tests.Snapshot;

/// <summary>
/// "It must not slow the system": however many pages are open, the nodes are read once per refresh
/// interval, and every stream gets the same snapshot.
/// </summary>
public sealed class SharedRefreshSpec : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private FakeNodes _nodes = null!;
    private HostedDashboard _dashboard = null!;

    public async Task InitializeAsync()
    {
        _nodes = await FakeNodes.StartAsync();
        _dashboard = await HostedDashboard.StartAsync(_nodes);
    }

    public async Task DisposeAsync()
    {
        await _dashboard.DisposeAsync();
        await _nodes.DisposeAsync();
    }

    [Fact]
    public async Task Ten_open_streams_cause_one_batch_of_reads_per_interval_not_ten()
    {
        const int Pages = 10;
        var clients = Enumerable.Range(0, Pages).Select(_ => _dashboard.Client(FakeNodes.Key)).ToList();
        var streams = new List<EventStream>();
        try
        {
            var clock = Stopwatch.StartNew();
            foreach (var client in clients)
            {
                streams.Add(await EventStream.OpenAsync(client));
            }

            await Eventually.TrueAsync(
                () => streams.All(s => s.Count >= 6), TimeSpan.FromSeconds(20), "every stream got 6 snapshots");
            var elapsed = clock.Elapsed;
            var refreshes = _dashboard.Refresher.Refreshes;

            // Each refresh reads each route once (one more may be under way as we look).
            Assert.InRange(_nodes.Requests("/admin/cluster"), refreshes, refreshes + 2);
            Assert.InRange(_nodes.Requests("/admin/kafka/lag"), refreshes, refreshes + 2);
            Assert.True(
                refreshes <= (elapsed / Interval) + 2,
                $"{refreshes} refreshes in {elapsed.TotalMilliseconds:0} ms at one per {Interval.TotalMilliseconds} ms");

            // Later events are the same snapshot for everybody.
            var next = await Task.WhenAll(streams.Select(s => s.NextAsync(TimeSpan.FromSeconds(5))));
            Assert.True(next.Select(e => e.GetProperty("at").GetString()).Distinct().Count() <= 2, "streams saw the same refreshes");
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }

            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task With_no_stream_open_the_nodes_are_not_read_and_a_snapshot_request_reads_them_once()
    {
        using var client = _dashboard.Client(FakeNodes.Key);
        var before = _nodes.Requests("/admin/cluster");
        await SnapshotJson.GetAsync(client);
        await SnapshotJson.GetAsync(client);
        Assert.InRange(_nodes.Requests("/admin/cluster") - before, 1, 2);

        // Several intervals with nobody watching: no reads at all.
        var idle = _nodes.Requests("/admin/cluster");
        var refreshes = _dashboard.Refresher.Refreshes;
        await Task.Delay(Interval * 5);
        Assert.Equal(idle, _nodes.Requests("/admin/cluster"));
        Assert.Equal(refreshes, _dashboard.Refresher.Refreshes);
    }
}
