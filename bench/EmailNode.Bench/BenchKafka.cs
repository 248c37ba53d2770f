using System.Collections.Concurrent;
using Confluent.Kafka;
using SignupEmail.EmbeddedKafka;
using SignupEmail.Shared.Contracts;
using SignupEmail.Shared.Kafka;

namespace SignupEmail.EmailNode.Bench;

/// <summary>The embedded cluster with the node's two topics, and the producers that feed it.</summary>
internal sealed class BenchKafka : IDisposable
{
    private readonly EmbeddedKafkaCluster _cluster;

    private BenchKafka(EmbeddedKafkaCluster cluster) => _cluster = cluster;

    public string BootstrapServers => _cluster.BootstrapServers;

    public static BenchKafka Start()
    {
        // A short initial rebalance delay: each scenario's fresh group joins alone, no need to wait for peers.
        var cluster = EmbeddedKafkaCluster.Start(brokerCount: 3, initialRebalanceDelay: TimeSpan.FromMilliseconds(100));
        foreach (var topic in SignupTopics.All)
        {
            cluster.CreateTopic(topic, SignupTopics.Partitions, SignupTopics.ReplicationFactor);
        }

        return new BenchKafka(cluster);
    }

    /// <summary>Writes every event as fast as the producer takes them (idempotent, acks=all, lz4, keyed like the User node).</summary>
    public void Prefill(IReadOnlyList<UserSignedUp> events)
    {
        using var producer = Producer(lingerMs: 5);
        var failed = 0;
        void Report(DeliveryReport<byte[], byte[]> report) => Count(report, ref failed);
        foreach (var @event in events)
        {
            while (true)
            {
                try
                {
                    producer.Produce(SignupTopics.UserSignedUp, SignupEvents.ToMessage(@event), Report);
                    break;
                }
                catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }

        if (producer.Flush(TimeSpan.FromMinutes(1)) > 0 || Volatile.Read(ref failed) > 0)
        {
            throw new InvalidOperationException($"The pre-fill was not fully acknowledged within a minute ({Volatile.Read(ref failed)} failed).");
        }
    }

    /// <summary>
    /// Produces <paramref name="count"/> new events at <paramref name="rate"/> per second on a fixed
    /// schedule (no catching up in bursts beyond the schedule); returns each event's send time.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, DateTimeOffset>> ProduceAtRateAsync(string run, int count, int rate)
    {
        var sentAt = new ConcurrentDictionary<Guid, DateTimeOffset>();
        // Linger 1 ms: the producer should add as little as possible to the latency measured.
        using var producer = Producer(lingerMs: 1);
        var failed = 0;
        void Report(DeliveryReport<byte[], byte[]> report) => Count(report, ref failed);
        var start = TimeProvider.System.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate) - TimeProvider.System.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            var @event = SignupEvents.Create(run, i);
            sentAt[@event.EventId] = DateTimeOffset.UtcNow;
            producer.Produce(SignupTopics.UserSignedUp, SignupEvents.ToMessage(@event), Report);
        }

        if (producer.Flush(TimeSpan.FromSeconds(30)) > 0 || Volatile.Read(ref failed) > 0)
        {
            throw new InvalidOperationException($"The steady-rate records were not fully acknowledged within 30 s ({Volatile.Read(ref failed)} failed).");
        }

        return sentAt;
    }

    /// <summary>
    /// Records on a topic, from the watermarks. The mock cluster keeps ~5 MiB per partition and drops
    /// older data silently, so a low watermark above 0 means the topic lost records.
    /// </summary>
    public long Retained(string topic)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = "bench-watermarks" }).Build();
        long total = 0;
        for (var p = 0; p < SignupTopics.Partitions; p++)
        {
            var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10));
            if (watermarks.Low.Value != 0)
            {
                throw new InvalidOperationException($"{topic}[{p}] was truncated: low watermark {watermarks.Low.Value}");
            }

            total += watermarks.High.Value;
        }

        return total;
    }

    public void Dispose() => _cluster.Dispose();

    private IProducer<byte[], byte[]> Producer(int lingerMs) => new ProducerBuilder<byte[], byte[]>(new ProducerConfig
    {
        BootstrapServers = BootstrapServers,
        EnableIdempotence = true,
        Acks = Acks.All,
        CompressionType = CompressionType.Lz4,
        LingerMs = lingerMs,
    }).Build();

    // Counted, not thrown: the handler runs on librdkafka's poll thread. A lost record would make
    // the run's counts wrong, so the caller stops rather than report figures.
    private static void Count(DeliveryReport<byte[], byte[]> report, ref int failed)
    {
        if (report.Error.IsError)
        {
            Interlocked.Increment(ref failed);
        }
    }
}
