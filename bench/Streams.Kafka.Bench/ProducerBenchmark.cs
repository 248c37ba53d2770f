using System.Diagnostics;
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
/// Raw Confluent produce loop (Produce with a delivery handler) against <see cref="Producer.FlexiFlow{TKey, TValue, TPassThrough}(ProducerSettings{TKey, TValue})"/>,
/// same librdkafka settings (the connector's defaults: idempotent, acks=all, lz4, linger.ms=5),
/// each to a fresh 3-partition topic, after a warm-up of both.
/// </summary>
public static class ProducerBenchmark
{
    private const int Partitions = 3;
    private const int ValueBytes = 200;

    /// <summary>Runs a warm-up and <paramref name="rounds"/> interleaved rounds; returns 0, or 3 if a topic lost records.</summary>
    public static async Task<int> RunAsync(int records, int rounds)
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokerCount: 3);
        using var system = ActorSystem.Create("producer-bench", "akka.loglevel = WARNING");
        var settings = ProducerSettings<string, string>.Create(system).WithBootstrapServers(cluster.BootstrapServers);
        var values = Values(1_000);
        var materializer = system.Materializer();

        Console.WriteLine($"producer benchmark: {records} records of ~{ValueBytes} B, {Partitions} partitions, 3 brokers, {Environment.ProcessorCount} cores");
        Console.WriteLine($"kafka-clients: {string.Join(", ", settings.Properties.Where(p => p.Key != "bootstrap.servers").OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))}; parallelism={settings.Parallelism}");

        // Warm-up: JIT, connections, metadata.
        var warmUp = Math.Min(records, 20_000);
        RawLoop(NewTopic(cluster, "warm-up-raw"), warmUp, settings, values);
        await FlexiFlow(NewTopic(cluster, "warm-up-flow"), warmUp, settings, values, materializer);

        var ok = true;
        var raws = new List<BenchmarkReport>();
        var flows = new List<BenchmarkReport>();
        Console.WriteLine(BenchmarkReport.Header);
        for (var round = 0; round < rounds; round++)
        {
            var rawTopic = NewTopic(cluster, "raw");
            var raw = RawLoop(rawTopic, records, settings, values);
            ok &= Retained(cluster, rawTopic, records);

            var flowTopic = NewTopic(cluster, "flexi-flow");
            var flow = await FlexiFlow(flowTopic, records, settings, values, materializer);
            ok &= Retained(cluster, flowTopic, records);

            Console.WriteLine(raw.ToRow());
            Console.WriteLine(flow.ToRow(raw));
            raws.Add(raw);
            flows.Add(flow);
        }

        // Interleaved rounds on a shared 2-core machine are noisy: the medians are the figures to quote.
        var ratios = raws.Zip(flows, (r, f) => f.RecordsPerSecond / r.RecordsPerSecond).Order().ToList();
        Console.WriteLine(string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"median of {rounds} round(s): raw {Median(raws.Select(r => r.RecordsPerSecond)):0} records/s, flexi-flow {Median(flows.Select(f => f.RecordsPerSecond)):0} records/s, ratio {Median(ratios):0.00} (min {ratios[0]:0.00}, max {ratios[^1]:0.00}); flexi-flow p50/p95/p99 {Median(flows.Select(f => f.P50)):0.0}/{Median(flows.Select(f => f.P95)):0.0}/{Median(flows.Select(f => f.P99)):0.0} ms; raw {Median(raws.Select(r => r.P50)):0.0}/{Median(raws.Select(r => r.P95)):0.0}/{Median(raws.Select(r => r.P99)):0.0} ms"));

        await system.Terminate();
        return ok ? 0 : 3;
    }

    private static BenchmarkReport RawLoop(string topic, int records, ProducerSettings<string, string> settings, string[] values)
    {
        var latencies = new double[records];
        var started = new long[records];
        var failed = 0;
        var delivered = 0;
        using var producer = new ProducerBuilder<string, string>(settings.ToProducerConfig()).Build();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < records; i++)
        {
            var index = i;
            var message = new Message<string, string> { Key = Key(i), Value = values[i % values.Length] };
            while (true)
            {
                started[index] = Stopwatch.GetTimestamp();
                try
                {
                    producer.Produce(topic, message, report =>
                    {
                        latencies[index] = Stopwatch.GetElapsedTime(started[index]).TotalMilliseconds;
                        if (report.Error.IsError)
                        {
                            Interlocked.Increment(ref failed);
                        }

                        Interlocked.Increment(ref delivered);
                    });
                    break;
                }
                catch (ProduceException<string, string> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    // Same reaction as the stage: wait a little for librdkafka to drain its queue.
                    Thread.Sleep(settings.QueueFullRetryInterval);
                }
            }
        }

        producer.Flush(TimeSpan.FromMinutes(1));
        clock.Stop();
        if (failed > 0 || delivered != records)
        {
            throw new InvalidOperationException($"raw loop: {failed} failed, {delivered} of {records} delivered");
        }

        return new BenchmarkReport("raw Produce + handler", records, clock.Elapsed, latencies);
    }

    private static async Task<BenchmarkReport> FlexiFlow(string topic, int records, ProducerSettings<string, string> settings, string[] values, IMaterializer materializer)
    {
        var latencies = new double[records];
        var started = new long[records];
        var clock = Stopwatch.StartNew();
        await Source.From(Enumerable.Range(0, records))
            .Select(i =>
            {
                started[i] = Stopwatch.GetTimestamp();
                return ProducerMessage.Single(new ProducerRecord<string, string>(topic, Key(i), values[i % values.Length]), i);
            })
            .Via(Producer.FlexiFlow<string, string, int>(settings))
            .RunForeach(r => latencies[r.PassThrough] = Stopwatch.GetElapsedTime(started[r.PassThrough]).TotalMilliseconds, materializer);
        clock.Stop();
        return new BenchmarkReport("Producer.FlexiFlow", records, clock.Elapsed, latencies);
    }

    private static string NewTopic(EmbeddedKafkaCluster cluster, string purpose)
    {
        var topic = $"bench.{purpose}.{Guid.NewGuid():N}";
        cluster.CreateTopic(topic, Partitions, replicationFactor: 3);
        return topic;
    }

    // The mock cluster silently drops the oldest data past ~5 MiB per partition: check nothing went.
    private static bool Retained(EmbeddedKafkaCluster cluster, string topic, int records)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "bench-check" }).Build();
        long total = 0;
        var truncated = false;
        for (var p = 0; p < Partitions; p++)
        {
            var w = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10));
            total += w.High.Value - w.Low.Value;
            truncated |= w.Low.Value != 0;
        }

        if (total != records || truncated)
        {
            Console.Error.WriteLine($"{topic}: {total} of {records} records retained{(truncated ? " (log start moved: truncated)" : "")}");
            return false;
        }

        return true;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Key(int i) => $"user-{i:D8}";

    // Signup-event-like JSON of ~200 bytes: realistic for this system, and compressible like real payloads
    // (random bytes would not fit the mock cluster's ~5 MiB per partition even with lz4).
    private static string[] Values(int count)
    {
        var random = new Random(42);
        return Enumerable.Range(0, count)
            .Select(i =>
            {
                var id = random.Next(1_000_000, 9_999_999);
                var json = $$"""{"specversion":"1.0","type":"user.signed-up.v1","id":"{{new Guid(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 16))}}","userId":"u-{{id}}","email":"user{{id}}@example.com","name":"User {{id}}","locale":"ko"}""";
                return json.PadRight(ValueBytes);
            })
            .ToArray();
    }
}
