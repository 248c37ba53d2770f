using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using SignupEmail.EmbeddedKafka;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;

namespace SignupEmail.Streams.Kafka.Bench;

/// <summary>
/// A raw Confluent consume-and-commit loop (commit every max-batch records or max-interval) against
/// <see cref="Consumer.CommittablePartitionedSource{TKey, TValue}"/> with a <see cref="Committer.Sink"/>
/// per partition, same librdkafka settings (the connector's consumer defaults) and the same commit
/// batching, each with a fresh consumer group over the same pre-filled 3-partition topic.
/// </summary>
public static class ConsumerBenchmark
{
    private const int Partitions = 3;
    private const int ValueBytes = 200;

    /// <summary>Pre-fills, warms up and runs <paramref name="rounds"/> interleaved rounds; returns 0, or 3 if the topic lost records.</summary>
    public static async Task<int> RunAsync(int records, int rounds)
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokerCount: 3, initialRebalanceDelay: TimeSpan.FromMilliseconds(100));
        using var system = ActorSystem.Create("consumer-bench", "akka.loglevel = WARNING");
        var materializer = system.Materializer();
        var settings = ConsumerSettings<string, string>.Create(system).WithBootstrapServers(cluster.BootstrapServers);
        var committer = CommitterSettings.Create(system);

        var topic = $"bench.consumer.{Guid.NewGuid():N}";
        cluster.CreateTopic(topic, Partitions, replicationFactor: 3);
        Prefill(cluster, topic, records);
        if (!Retained(cluster, topic, records))
        {
            return 3;
        }

        Console.WriteLine($"consumer benchmark: {records} records of ~{ValueBytes} B (lz4), {Partitions} partitions, 3 brokers, {Environment.ProcessorCount} cores");
        Console.WriteLine($"kafka-clients: {string.Join(", ", settings.Properties.Where(p => p.Key != "bootstrap.servers").OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}; buffer-size={settings.BufferSize}; committer max-batch={committer.MaxBatch} max-interval={committer.MaxInterval.TotalMilliseconds} ms");

        // Warm-up: JIT, connections, metadata, both paths.
        RawLoop(settings, committer, topic, records);
        await PartitionedSource(settings, committer, topic, records, materializer);

        var raws = new List<double>();
        var streams = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var raw = RawLoop(settings, committer, topic, records);
            var stream = await PartitionedSource(settings, committer, topic, records, materializer);
            raws.Add(raw);
            streams.Add(stream);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: raw loop {raw,9:0} records/s   partitioned source + Committer.Sink {stream,9:0} records/s   ratio {stream / raw:0.00}"));
        }

        var ratios = raws.Zip(streams, (r, s) => s / r).Order().ToList();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"median of {rounds} round(s): raw {Median(raws):0} records/s, partitioned source {Median(streams):0} records/s, ratio {Median(ratios):0.00} (min {ratios[0]:0.00}, max {ratios[^1]:0.00})"));
        await system.Terminate();
        return 0;
    }

    /// <summary>Consumes every record once with a fresh group and commits like the committer would; records/s from first record to last.</summary>
    private static double RawLoop(ConsumerSettings<string, string> settings, CommitterSettings committer, string topic, int records)
    {
        var config = settings.WithGroupId($"bench-raw-{Guid.NewGuid():N}").ToConsumerConfig();
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(topic);
        var pending = new Dictionary<TopicPartition, long>();
        var batch = 0;
        var lastCommit = Stopwatch.StartNew();
        Stopwatch? clock = null;
        var consumed = 0;
        while (consumed < records)
        {
            var result = consumer.Consume(settings.PollTimeout);
            if (result is not null)
            {
                clock ??= Stopwatch.StartNew();
                consumed++;
                pending[result.TopicPartition] = result.Offset.Value + 1;
                batch++;
            }

            if (batch >= committer.MaxBatch || (batch > 0 && lastCommit.Elapsed >= committer.MaxInterval))
            {
                consumer.Commit(pending.Select(p => new TopicPartitionOffset(p.Key, p.Value)));
                pending.Clear();
                batch = 0;
                lastCommit.Restart();
            }
        }

        if (pending.Count > 0)
        {
            consumer.Commit(pending.Select(p => new TopicPartitionOffset(p.Key, p.Value)));
        }

        var elapsed = clock!.Elapsed;
        consumer.Close();
        return records / elapsed.TotalSeconds;
    }

    /// <summary>The way the Email node consumes: a stream per partition ending in a committer sink.</summary>
    private static async Task<double> PartitionedSource(ConsumerSettings<string, string> settings, CommitterSettings committer, string topic, int records, IMaterializer materializer)
    {
        var consumed = 0;
        long firstAt = 0;
        long lastAt = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var control = Consumer.CommittablePartitionedSource(settings.WithGroupId($"bench-stream-{Guid.NewGuid():N}"), Subscription.ToTopics(topic))
            .SelectAsyncUnordered(Partitions * 4, pair => pair.Source
                .Select(message =>
                {
                    var count = Interlocked.Increment(ref consumed);
                    if (count == 1)
                    {
                        Interlocked.Exchange(ref firstAt, Stopwatch.GetTimestamp());
                    }
                    else if (count == records)
                    {
                        Interlocked.Exchange(ref lastAt, Stopwatch.GetTimestamp());
                        done.TrySetResult();
                    }

                    return (ICommittable)message.CommittableOffset;
                })
                .RunWith(Committer.Sink(committer), materializer))
            .ToMaterialized(Sink.Ignore<Akka.Done>(), DrainingControl<Akka.Done>.Create)
            .Run(materializer);
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        await control.DrainAndShutdown();
        return records / Stopwatch.GetElapsedTime(firstAt, lastAt).TotalSeconds;
    }

    private static void Prefill(EmbeddedKafkaCluster cluster, string topic, int records)
    {
        var value = new string('x', ValueBytes);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            CompressionType = CompressionType.Lz4,
            LingerMs = 5,
        }).Build();
        for (var i = 0; i < records; i++)
        {
            while (true)
            {
                try
                {
                    producer.Produce(new TopicPartition(topic, i % Partitions), new Message<string, string> { Key = $"k{i}", Value = value });
                    break;
                }
                catch (ProduceException<string, string> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }

        producer.Flush(TimeSpan.FromMinutes(2));
    }

    // The mock keeps ~5 MiB per partition and silently drops older data: check nothing was truncated.
    private static bool Retained(EmbeddedKafkaCluster cluster, string topic, int records)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "bench-watermarks" }).Build();
        long total = 0;
        for (var p = 0; p < Partitions; p++)
        {
            var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10));
            if (watermarks.Low.Value != 0)
            {
                Console.Error.WriteLine($"partition {p} was truncated: low watermark {watermarks.Low.Value}");
                return false;
            }

            total += watermarks.High.Value;
        }

        if (total != records)
        {
            Console.Error.WriteLine($"the topic holds {total} records, expected {records}");
            return false;
        }

        return true;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
