using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SignupEmail.Dashboard.Actions;
using SignupEmail.Dashboard.Configuration;
using SignupEmail.Dashboard.Metrics;
using SignupEmail.Dashboard.Sources;

namespace SignupEmail.Dashboard.Snapshot;

/// <summary>
/// The one reader of the nodes in this process. While at least one browser streams, it builds a
/// snapshot every <c>RefreshInterval</c> and hands the same serialized bytes to every stream; with none,
/// it reads only when <c>GET /api/snapshot</c> asks and the last snapshot is older than the interval.
/// Refreshes never overlap: a caller that arrives during one waits for it. So the load on the nodes is
/// one batch of reads per interval at most, however many pages are open.
/// </summary>
internal sealed class SnapshotRefresher : BackgroundService
{
    private readonly SnapshotSources _sources;
    private readonly DashboardOptions _options;
    private readonly BurstRunner _burst;
    private readonly MailDelayState _mailDelay;
    private readonly IBrokerControl? _brokers;
    private readonly TimeProvider _time;
    private readonly ILogger<SnapshotRefresher> _logger;
    private readonly CancellationToken _stopping;
    private readonly LagHistoryRing _lagHistory;
    private readonly FlowRateTracker _rates = new();
    private readonly Lock _gate = new();
    private readonly List<Channel<PublishedSnapshot>> _subscribers = [];
    private readonly Dictionary<int, BrokerView> _knownBrokers = [];
    private Task<PublishedSnapshot>? _inFlight;
    private PublishedSnapshot? _latest;
    private DateTimeOffset _lastStarted = DateTimeOffset.MinValue;
    private int _refreshes;

    public SnapshotRefresher(
        SnapshotSources sources,
        IOptions<DashboardOptions> options,
        BurstRunner burst,
        MailDelayState mailDelay,
        IHostApplicationLifetime lifetime,
        TimeProvider time,
        ILogger<SnapshotRefresher> logger,
        IBrokerControl? brokers = null)
    {
        _sources = sources;
        _options = options.Value;
        _burst = burst;
        _mailDelay = mailDelay;
        _brokers = brokers;
        _time = time;
        _logger = logger;
        _stopping = lifetime.ApplicationStopping;
        _lagHistory = new LagHistoryRing(_options.LagHistory);
    }

    /// <summary>How many snapshots were built since start (for tests: the load this puts on the nodes).</summary>
    public int Refreshes => Volatile.Read(ref _refreshes);

    /// <summary>Streams watching now.</summary>
    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>The latest snapshot if it is younger than the interval, else a new one (shared with any refresh under way).</summary>
    public async Task<PublishedSnapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var latest = Volatile.Read(ref _latest);
        if (latest is not null && _time.GetUtcNow() - latest.Snapshot.At < _options.RefreshInterval)
        {
            return latest;
        }

        return await RefreshAsync().WaitAsync(cancellationToken);
    }

    /// <summary>Receives every later snapshot until disposed.</summary>
    public SnapshotSubscription Subscribe()
    {
        // A stream that cannot keep up loses its oldest events, never slows the refresher or the others.
        var channel = Channel.CreateBounded<PublishedSnapshot>(new BoundedChannelOptions(8)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = true,
        });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        return new SnapshotSubscription(channel.Reader, () =>
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }

            channel.Writer.TryComplete();
        });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.RefreshInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // An on-demand refresh started just now counts for this tick. Measured from when the
                // reads began, not from the snapshot's time (after them): reads slower than half the
                // interval would otherwise make every other tick look fresh and halve the event rate.
                if (Subscribers > 0 && _time.GetUtcNow() - LastStarted >= _options.RefreshInterval / 2)
                {
                    await RefreshAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private DateTimeOffset LastStarted
    {
        get
        {
            lock (_gate)
            {
                return _lastStarted;
            }
        }
    }

    private Task<PublishedSnapshot> RefreshAsync()
    {
        lock (_gate)
        {
            if (_inFlight is null || _inFlight.IsCompleted)
            {
                _lastStarted = _time.GetUtcNow();
                _inFlight = BuildAsync(_stopping);
            }

            return _inFlight;
        }
    }

    private async Task<PublishedSnapshot> BuildAsync(CancellationToken cancellationToken)
    {
        var reads = await _sources.ReadAsync(cancellationToken);
        var at = _time.GetUtcNow();
        var group = SnapshotSections.Group(reads.Lag, reads.Consumers);
        var newPoints = group is null ? null : _lagHistory.Add(at, group.Partitions);
        var counters = SnapshotSections.Counters(reads.UserMetrics, reads.EmailMetrics);
        var brokersDown = _brokers?.Down ?? [];
        foreach (var broker in reads.Topics.Value?.Brokers ?? [])
        {
            _knownBrokers[broker.Id] = broker;
        }

        var errors = reads.Errors();
        if (errors.Count > 0 && _logger.IsEnabled(LogLevel.Debug))
        {
            _logger.LogDebug("Snapshot with {Errors} failed sources: {First}", errors.Count, errors[0]);
        }

        var snapshot = new DashboardSnapshot(
            at,
            _options.Experiments.Enabled,
            _options.Experiments.CalmRate,
            SnapshotSections.Kafka(reads.Topics, brokersDown, _knownBrokers),
            group is null ? null : group with { LagHistory = _lagHistory.All() },
            counters is null ? null : _rates.Next(counters, at),
            SnapshotSections.DeadLetters(reads.DeadLetters),
            SnapshotSections.UserCluster(reads.Cluster, reads.Sharding, reads.Publisher),
            _options.Experiments.Enabled ? new ActionsSection(_burst.Status, _mailDelay.Milliseconds, brokersDown) : null,
            errors);
        var full = JsonSerializer.SerializeToUtf8Bytes(snapshot, DashboardJson.Options);
        var delta = group is null
            ? full
            : JsonSerializer.SerializeToUtf8Bytes(snapshot with { Group = snapshot.Group! with { LagHistory = newPoints! } }, DashboardJson.Options);
        var published = new PublishedSnapshot(snapshot, full, delta);
        Volatile.Write(ref _latest, published);
        Interlocked.Increment(ref _refreshes);
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(published);
            }
        }

        return published;
    }
}
