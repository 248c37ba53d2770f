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
            foreach (var client in clients)
            {
                streams.Add(await EventStream.OpenAsync(client));
            }

            await Eventually.TrueAsync(() => streams.All(s => s.Count >= 1), TimeSpan.FromSeconds(20), "every stream got its first snapshot");

            // From now on nobody asks on demand: only the refresher's own ticks read the nodes.
            var clock = Stopwatch.StartNew();
            var refreshesBefore = _dashboard.Refresher.Refreshes;
            var readsBefore = _nodes.Requests("/admin/cluster");
            var counts = streams.Select(s => s.Count).ToList();
            await Eventually.TrueAsync(
                () => streams.Select((s, i) => s.Count - counts[i]).All(n => n >= 5), TimeSpan.FromSeconds(20), "every stream got 5 more snapshots");
            var elapsed = clock.Elapsed;
            var refreshes = _dashboard.Refresher.Refreshes - refreshesBefore;
            var reads = _nodes.Requests("/admin/cluster") - readsBefore;

            // One read of each route per refresh (give or take one under way at either end), not one per stream...
            Assert.InRange(reads, refreshes - 1, refreshes + 1);
            // ...and at most one refresh per interval, however many streams wait for it.
            Assert.True(
                refreshes <= (elapsed / Interval) + 2,
                $"{refreshes} refreshes in {elapsed.TotalMilliseconds:0} ms at one per {Interval.TotalMilliseconds} ms");
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
