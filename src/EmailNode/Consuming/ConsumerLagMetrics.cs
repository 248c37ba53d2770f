using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using SignupEmail.EmailNode.Admin;

namespace SignupEmail.EmailNode.Consuming;

/// <summary>
/// The group's lag per partition of the signup topic as a gauge (<c>signupemail.consumer.lag</c>):
/// high watermark − committed offset, read by a short-lived admin client — never through the
/// pipeline's consumer, whose poll thread must not wait for it, and so also while this node's
/// consumer is stopped. A collection returns the last read and, when that is older than the
/// refresh interval, starts the next one in the background: a scrape never waits for Kafka, and
/// nothing is read while nobody collects.
/// </summary>
internal sealed partial class ConsumerLagMetrics : IHostedService, IDisposable
{
    /// <summary>Meter name, under the node's <c>SignupEmail.EmailNode.*</c>.</summary>
    public const string MeterName = "SignupEmail.EmailNode.ConsumerLag";

    /// <summary>The gauge's name.</summary>
    public const string LagName = "signupemail.consumer.lag";

    /// <summary>Default refresh interval: about a Prometheus scrape interval.</summary>
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromSeconds(5);

    // One meter and one gauge per process, over every running instance: a second meter of the same
    // name (several nodes in one test process) would be a duplicate instrument the SDK ignores.
    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<ConsumerLagMetrics, byte> Running = new();

    private readonly ConsumingOptions _options;
    private readonly ConsumerLagReader _reader;
    private readonly TimeProvider _time;
    private readonly ILogger<ConsumerLagMetrics> _logger;
    private readonly TimeSpan _refreshInterval;
    private readonly CancellationTokenSource _stopping = new();
    private IReadOnlyList<PartitionProgress> _latest = [];
    private long _readAt;
    private int _refreshing;
    private int _disposed;

    public ConsumerLagMetrics(ConsumingOptions options, TimeProvider time, ILogger<ConsumerLagMetrics> logger, TimeSpan? refreshInterval = null)
    {
        _options = options;
        _reader = new ConsumerLagReader(options, time);
        _time = time;
        _logger = logger;
        _refreshInterval = refreshInterval ?? DefaultRefreshInterval;
        _readAt = time.GetTimestamp() - (long)(_refreshInterval.TotalSeconds * time.TimestampFrequency) - 1;
    }

    /// <summary>Creates it from the node's services.</summary>
    public static ConsumerLagMetrics Create(IServiceProvider services) => new(
        services.GetRequiredService<IOptions<ConsumingOptions>>().Value,
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<ILogger<ConsumerLagMetrics>>());

    static ConsumerLagMetrics() =>
        Meter.CreateObservableGauge(
            LagName, () => Running.Keys.SelectMany(lag => lag.Observe()), "{record}", "Records of the partition not yet committed by the consumer group.");

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Running.TryAdd(this, 0);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Running.TryRemove(this, out _);
        // A host can be asked to stop again after it was disposed: one whose actor system ended stops
        // and disposes itself (Akka.Hosting stops the application), and its owner may still stop it.
        if (Volatile.Read(ref _disposed) == 0)
        {
            await _stopping.CancelAsync();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Running.TryRemove(this, out _);
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Dispose();
        }
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        if (_time.GetElapsedTime(Volatile.Read(ref _readAt)) >= _refreshInterval
            && !_stopping.IsCancellationRequested
            && Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
        {
            _ = Task.Run(RefreshAsync);
        }

        // Materialized here: the SDK may enumerate it after this instance stopped.
        return Volatile.Read(ref _latest).Select(partition => new Measurement<long>(
            partition.Lag,
            new KeyValuePair<string, object?>("messaging.destination.name", partition.Partition.Topic),
            new KeyValuePair<string, object?>("messaging.destination.partition.id", partition.Partition.Partition.Value.ToString(CultureInfo.InvariantCulture)),
            new KeyValuePair<string, object?>("messaging.consumer.group.name", _options.GroupId))).ToList();
    }

    private async Task RefreshAsync()
    {
        try
        {
            var partitions = await Task.Run(Partitions, _stopping.Token);
            var lag = await _reader.ReadAsync(partitions, _refreshInterval, _stopping.Token);
            Volatile.Write(ref _latest, lag.Partitions);
        }
        catch (Exception ex) when (ex is KafkaException or TimeoutException or OperationCanceledException or ObjectDisposedException)
        {
            // No figure rather than an old one that looks current.
            Volatile.Write(ref _latest, []);
            if (!_stopping.IsCancellationRequested)
            {
                LogReadFailed(_logger, ex);
            }
        }
        finally
        {
            Volatile.Write(ref _readAt, _time.GetTimestamp());
            Volatile.Write(ref _refreshing, 0);
        }
    }

    // All topics' metadata: asking for one topic by name can auto-create it.
    private List<TopicPartition> Partitions()
    {
        var config = new AdminClientConfig(_options.KafkaProperties
            .Where(p => !EmailPipeline.IsConsumerOnly(p.Key))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal))
        {
            BootstrapServers = _options.BootstrapServers,
        };
        using var admin = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).Build();
        var topic = admin.GetMetadata(_refreshInterval).Topics.FirstOrDefault(t => t.Topic == _options.Topic && t.Error.Code == ErrorCode.NoError);
        return topic is null ? [] : [.. topic.Partitions.Select(p => new TopicPartition(_options.Topic, p.PartitionId))];
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Consumer lag for the metrics not read; reported as absent until the next read")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
