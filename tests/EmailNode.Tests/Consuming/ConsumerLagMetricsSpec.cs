using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.Testing;

namespace SignupEmail.EmailNode.Tests.Consuming;

/// <summary>The consumer lag gauge: rises while nobody commits, falls once the group catches up.</summary>
[Collection(KafkaCollection.Name)]
public sealed class ConsumerLagMetricsSpec(KafkaClusterFixture kafka) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, long> _lagByPartition = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();
    private string _topic = string.Empty;

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Stopping_again_after_disposal_is_harmless()
    {
        // What a host whose actor system ended does: it stops and disposes itself, and its owner stops it again.
        var options = new ConsumingOptions { BootstrapServers = kafka.BootstrapServers, Topic = "unused", GroupId = KafkaClusterFixture.UniqueGroupId("lag") };
        var metrics = new ConsumerLagMetrics(options, TimeProvider.System, NullLogger<ConsumerLagMetrics>.Instance);
        await metrics.StartAsync(CancellationToken.None);
        await metrics.StopAsync(CancellationToken.None);
        metrics.Dispose();

        await metrics.StopAsync(CancellationToken.None);
        metrics.Dispose();
    }

    [Fact]
    public async Task The_lag_gauge_rises_while_the_consumer_is_stopped_and_falls_after_it_commits()
    {
        _topic = kafka.CreateUniqueTopic("lag");
        var options = new ConsumingOptions { BootstrapServers = kafka.BootstrapServers, Topic = _topic, GroupId = KafkaClusterFixture.UniqueGroupId("lag") };
        using var metrics = new ConsumerLagMetrics(options, TimeProvider.System, NullLogger<ConsumerLagMetrics>.Instance, TimeSpan.FromMilliseconds(200));
        await metrics.StartAsync(CancellationToken.None);
        Listen();

        // Nobody consumes: two records on each partition are two records of lag each.
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build())
        {
            for (var i = 0; i < 6; i++)
            {
                await producer.ProduceAsync(new TopicPartition(_topic, i % 3), new Message<byte[], byte[]> { Value = [1] });
            }
        }

        await Eventually.TrueAsync(() => Task.FromResult(Observe(p => p == 2)), Deadline, () => $"lag 2 on each partition; saw {Describe()}");

        // The group catches up and commits.
        using (var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = options.GroupId,
            EnableAutoCommit = false,
        }).Build())
        {
            consumer.Commit([.. Enumerable.Range(0, 3).Select(p => new TopicPartitionOffset(_topic, p, 2))]);
        }

        await Eventually.TrueAsync(() => Task.FromResult(Observe(p => p == 0)), Deadline, () => $"lag 0 on each partition; saw {Describe()}");
        await metrics.StopAsync(CancellationToken.None);
    }

    private void Listen()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ConsumerLagMetrics.MeterName && instrument.Name == ConsumerLagMetrics.LagName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? topic = null, partition = null;
            foreach (var tag in tags)
            {
                topic = tag.Key == "messaging.destination.name" ? tag.Value as string : topic;
                partition = tag.Key == "messaging.destination.partition.id" ? tag.Value as string : partition;
            }

            // Other tests' nodes in this process report their own topics.
            if (topic == _topic && partition is not null)
            {
                _lagByPartition[partition] = value;
            }
        });
        _listener.Start();
    }

    // A collection: what a scrape does. It answers from the last read and starts the next one.
    private bool Observe(Func<long, bool> each)
    {
        _lagByPartition.Clear();
        _listener.RecordObservableInstruments();
        return _lagByPartition.Count == 3 && _lagByPartition.Values.All(each);
    }

    private string Describe() => string.Join(", ", _lagByPartition.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
