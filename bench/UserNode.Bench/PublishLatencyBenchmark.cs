using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using SignupEmail.EmbeddedKafka;
using SignupEmail.Shared.Kafka;

namespace SignupEmail.UserNode.Bench;

/// <summary>Signup sent → record read by a plain Confluent consumer, same process clock.</summary>
internal static class PublishLatencyBenchmark
{
    private const string PublisherId = "user-signed-up:" + SignupTopics.UserSignedUp;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        using var kafka = EmbeddedKafkaCluster.Start(3);
        kafka.CreateTopic(SignupTopics.UserSignedUp, SignupTopics.Partitions, SignupTopics.ReplicationFactor);
        var logFile = Path.Combine(Path.GetTempPath(), "signupemail-usernode-bench", "node.log");
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var rows = new List<string>();
        foreach (var provider in options.Providers.Select(p => p.Equals("postgres", StringComparison.OrdinalIgnoreCase) ? "PostgreSql" : "Sqlite"))
        {
            foreach (var prefill in new[] { 0, options.Prefill })
            {
                var name = prefill == 0 ? "empty" : $"prefill{prefill}";
                var database = await BenchDatabase.CreateAsync(provider, name, fresh: prefill == 0);
                if (prefill > 0)
                {
                    await using (var setup = await BenchNode.StartAsync(database, kafka.BootstrapServers, logFile))
                    {
                        await SignUpOnceAsync(setup.BaseAddress); // the plugin and the publisher create their tables
                        await Task.Delay(TimeSpan.FromSeconds(2));
                    }

                    var clock = Stopwatch.StartNew();
                    await database.PrefillAsync(prefill, PublisherId);
                    Console.WriteLine($"{provider}: journal holds {await database.ScalarAsync("SELECT COUNT(*) FROM journal")} events (top-up took {clock.Elapsed.TotalSeconds:0.0} s)");
                }

                await using var node = await BenchNode.StartAsync(database, kafka.BootstrapServers, logFile);
                var result = await MeasureAsync(node, kafka.BootstrapServers, options, $"{provider}/{name}");
                var journal = await database.ScalarAsync("SELECT COUNT(*) FROM journal");
                var idle = prefill > 0 ? await IdleCpuAsync(node, options.IdleSeconds) : (double?)null;
                rows.Add(string.Format(
                    CultureInfo.InvariantCulture,
                    "| {0,-10} | {1,9:N0} | {2,5} | {3,6} | {4,7} | {5,6:0.0} | {6,6:0.0} | {7,6:0.0} | {8,6:0.0} | {9,9} |",
                    provider,
                    journal,
                    options.Rate,
                    result.Sent,
                    result.Received,
                    result.P50,
                    result.P95,
                    result.P99,
                    result.Max,
                    idle is { } cpu ? $"{cpu:0.0} %" : "-"));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Signup → record on Kafka, {options.Rate} signups/s for {options.Seconds} s (hasher lowered to 1 000 iterations); idle CPU over {options.IdleSeconds} s, % of one core");
        Console.WriteLine("| database   |   journal |  rate |   sent | on Kafka | p50 ms | p95 ms | p99 ms | max ms | idle CPU |");
        Console.WriteLine("|------------|-----------|-------|--------|---------|--------|--------|--------|--------|----------|");
        rows.ForEach(Console.WriteLine);
        return 0;
    }

    private static async Task SignUpOnceAsync(Uri baseAddress)
    {
        using var client = new HttpClient { BaseAddress = baseAddress };
        using var response = await client.PostAsync("/api/users", Body($"setup.{Guid.NewGuid():N}@example.com"));
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Setup signup answered {response.StatusCode}");
        }
    }

    private static async Task<Result> MeasureAsync(BenchNode node, string bootstrapServers, BenchOptions options, string label)
    {
        var received = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource();
        var consumer = Task.Factory.StartNew(() => Consume(bootstrapServers, received, stop.Token), TaskCreationOptions.LongRunning);

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = node.BaseAddress };

        // Warm-up (JIT, connections, the publisher's first query), not measured.
        var warmUp = Enumerable.Range(0, 50).Select(i => $"warm.{i}.{Guid.NewGuid():N}@example.com").ToList();
        await Task.WhenAll(warmUp.Select(e => PostAsync(client, e)));
        await WaitForAsync(() => warmUp.All(received.ContainsKey), TimeSpan.FromSeconds(60), $"{label}: warm-up records");

        var total = options.Rate * options.Seconds;
        var sent = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var failures = 0;
        var requests = new List<Task>(total);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / options.Rate);
            while (Stopwatch.GetTimestamp() < due)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.FromMilliseconds(2))
                {
                    await Task.Delay(wait - TimeSpan.FromMilliseconds(1));
                }
            }

            var email = $"bench.{i}.{Guid.NewGuid():N}@example.com";
            sent[email] = Stopwatch.GetTimestamp();
            requests.Add(Task.Run(async () =>
            {
                if (!await PostAsync(client, email))
                {
                    Interlocked.Increment(ref failures);
                }
            }));
        }

        await Task.WhenAll(requests);
        await WaitForAsync(() => sent.Keys.All(received.ContainsKey), TimeSpan.FromSeconds(60), $"{label}: all records");
        await stop.CancelAsync();
        await consumer;

        var latencies = sent
            .Where(s => received.ContainsKey(s.Key))
            .Select(s => Stopwatch.GetElapsedTime(s.Value, received[s.Key]).TotalMilliseconds)
            .Order()
            .ToArray();
        var result = new Result(total, latencies.Length, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99), latencies.Length > 0 ? latencies[^1] : double.NaN);
        Console.WriteLine($"{label}: sent {total} (failed {failures}), on Kafka {result.Received}, p50 {result.P50:0.0} ms, p95 {result.P95:0.0} ms, p99 {result.P99:0.0} ms, max {result.Max:0.0} ms");
        return result;
    }

    private static async Task<double> IdleCpuAsync(BenchNode node, int seconds)
    {
        await Task.Delay(TimeSpan.FromSeconds(5)); // let the run's tail settle
        var before = node.CpuTime;
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var cpu = (node.CpuTime - before).TotalMilliseconds / clock.Elapsed.TotalMilliseconds * 100;
        Console.WriteLine($"idle: {cpu:0.0} % of one core over {seconds} s");
        return cpu;
    }

    private static void Consume(string bootstrapServers, ConcurrentDictionary<string, long> received, CancellationToken stop)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "bench-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            FetchWaitMaxMs = 5,
            FetchErrorBackoffMs = 5,
        };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, SignupTopics.Partitions).Select(p => new TopicPartitionOffset(SignupTopics.UserSignedUp, p, Offset.End)));
        while (!stop.IsCancellationRequested)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(50));
            if (record?.Message?.Value is { } value)
            {
                var now = Stopwatch.GetTimestamp();
                var email = JsonDocument.Parse(value).RootElement.GetProperty("email").GetString()!;
                received.TryAdd(email, now);
            }
        }

        consumer.Close();
    }

    private static async Task<bool> PostAsync(HttpClient client, string email)
    {
        using var response = await client.PostAsync("/api/users", Body(email));
        return response.StatusCode == HttpStatusCode.Created;
    }

    private static StringContent Body(string email) => new(
        new JsonObject { ["email"] = email, ["name"] = "Bench", ["password"] = "correct horse battery", ["locale"] = "en" }.ToJsonString(),
        Encoding.UTF8,
        "application/json");

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                Console.WriteLine($"{what}: not complete after {timeout.TotalSeconds:0} s");
                return;
            }

            await Task.Delay(20);
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private sealed record Result(int Sent, int Received, double P50, double P95, double P99, double Max);
}
