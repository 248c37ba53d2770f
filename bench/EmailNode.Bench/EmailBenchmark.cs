using Microsoft.Data.Sqlite;
using MimeKit;
using SignupEmail.EmailNode.SendLog;
using SignupEmail.EmailNode.Templates;
using SignupEmail.Shared.Kafka;

namespace SignupEmail.EmailNode.Bench;

/// <summary>
/// Runs the scenarios on one embedded cluster with one pre-filled topic, each with a fresh consumer
/// group, folder and send log: the raw loop (baseline), the SMTP scenarios (<see cref="SmtpScenarios"/>),
/// the node's pipeline with pickup delivery, and then, on that same running node, a steady rate.
/// </summary>
internal static class EmailBenchmark
{
    private const string From = "SignupEmail <welcome@signupemail.local>";

    // Generous: a fresh group's first join and the mock cluster's rebalances take seconds on a shared machine.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var root = Directory.CreateTempSubdirectory("signupemail-emailbench-");
        using var kafka = BenchKafka.Start();
        var prefill = Enumerable.Range(0, options.Records).Select(n => SignupEvents.Create("prefill", n)).ToList();
        kafka.Prefill(prefill);
        if (kafka.Retained(SignupTopics.UserSignedUp) is var retained && retained != options.Records)
        {
            Console.Error.WriteLine($"{SignupTopics.UserSignedUp} holds {retained} records, expected {options.Records}: not measuring a broken topic");
            return 3;
        }

        var expected = prefill.Select(e => e.EventId).ToHashSet();
        Console.WriteLine($"email node benchmark: {options.Records} UserSignedUp v1 records (4 in 5 Korean, lz4) pre-filled on {SignupTopics.UserSignedUp}, {SignupTopics.Partitions} partitions, 3 brokers, {Environment.ProcessorCount} cores; work folder {root.FullName}");

        await WarmUpAsync(Path.Combine(root.FullName, "warm-up"));
        var results = new List<(ScenarioResult Result, ScenarioResult? Baseline)>();
        var raw = await RawAsync(kafka, Path.Combine(root.FullName, "raw"), expected);
        results.Add((raw, null));
        if (options.Smtp)
        {
            results.AddRange(await SmtpScenarios.RunAsync(kafka, Path.Combine(root.FullName, "smtp"), prefill, expected, options, Renderer()));
        }
        else
        {
            Console.WriteLine("SMTP scenarios skipped: --smtp false");
        }

        // No arms: the node as always; with --telemetry, one pipeline run per arm, back to back.
        IReadOnlyList<bool?> arms = options.Telemetry.Count == 0 ? [null] : [.. options.Telemetry.Select(on => (bool?)on)];
        foreach (var telemetry in arms)
        {
            var folder = Path.Combine(root.FullName, telemetry switch { null => "pipeline", true => "pipeline-otel-on", false => "pipeline-otel-off" });
            foreach (var result in await PickupPipelineAsync(kafka, folder, expected, options, telemetry))
            {
                results.Add((result, result.LatenciesMs.Length == 0 ? raw : null));
            }
        }

        var deadLetters = kafka.Retained(SignupTopics.UserSignedUpDeadLetter);
        var onTopic = kafka.Retained(SignupTopics.UserSignedUp);

        Console.WriteLine();
        Console.WriteLine("Records/s: first to last record recorded as sent in the send log; ratio = records/s over the raw loop's.");
        Console.WriteLine("Latency (steady rate only): record handed to the producer → recorded as sent (.eml written and fsynced before), same clock.");
        Console.WriteLine(ScenarioResult.Header);
        Console.WriteLine(ScenarioResult.Rule);
        results.ForEach(r => Console.WriteLine(r.Result.ToRow(r.Baseline)));

        var problems = results.SelectMany(r => r.Result.Problems.Select(p => $"{r.Result.Name}: {p}")).ToList();
        if (deadLetters != 0)
        {
            problems.Add($"{SignupTopics.UserSignedUpDeadLetter} holds {deadLetters} records: valid records were dead-lettered");
        }

        if (onTopic != options.Records + options.SteadyRecords)
        {
            problems.Add($"{SignupTopics.UserSignedUp} holds {onTopic} records, expected {options.Records + options.SteadyRecords}");
        }

        problems.ForEach(p => Console.Error.WriteLine($"BROKEN RUN: {p}"));
        SqliteConnection.ClearAllPools();
        root.Delete(recursive: true);
        return problems.Count == 0 ? 0 : 1;
    }

    /// <summary>JIT and first-use costs of the shared per-record work (render, .eml, send log), so the raw loop, which runs first, does not pay them.</summary>
    private static async Task WarmUpAsync(string folder)
    {
        var sendLog = await SendLogAsync(folder);
        var renderer = Renderer();
        var delivery = RawConsumeLoop.Delivery(Path.Combine(folder, "pickup"));
        for (var n = 0; n < 200; n++)
        {
            var @event = SignupEvents.Create("warm-up", n);
            _ = await sendLog.IsAlreadySentAsync(@event.EventId, CancellationToken.None);
            await delivery.DeliverAsync(renderer.Render(@event), CancellationToken.None);
            await sendLog.RecordSentAsync(new HandledRecord(@event.EventId, @event.UserId, @event.Email, @event.Locale, 1, 0, n, null), CancellationToken.None);
        }
    }

    private static async Task<ScenarioResult> RawAsync(BenchKafka kafka, string folder, HashSet<Guid> expected)
    {
        var sendLog = await SendLogAsync(folder);
        var pickup = Path.Combine(folder, "pickup");
        var load = MachineLoad.LoadAverage1();
        Console.WriteLine("raw consume loop: running");
        await RawConsumeLoop.RunAsync(kafka.BootstrapServers, Group("raw"), Renderer(), RawConsumeLoop.Delivery(pickup), sendLog, expected.Count, Patience);
        return await MeasureAsync("raw consume loop", folder, expected, null, load, EmlFiles(pickup));
    }

    /// <summary>The pre-filled records, then (same node, caught up) records produced at a steady rate.</summary>
    private static async Task<List<ScenarioResult>> PickupPipelineAsync(BenchKafka kafka, string folder, HashSet<Guid> expected, BenchOptions options, bool? telemetry)
    {
        var name = telemetry switch { null => "pipeline (pickup)", true => "pipeline (pickup, otel on)", false => "pipeline (pickup, otel off)" };
        Directory.CreateDirectory(folder);
        var pickup = Path.Combine(folder, "pickup");
        var results = new List<ScenarioResult>();
        var load = MachineLoad.LoadAverage1();
        Console.WriteLine($"{name}: running");
        var settings = new Dictionary<string, string?>
        {
            ["Email:Delivery:Mode"] = "Pickup",
            ["Email:Pickup:Folder"] = pickup,
        };
        if (telemetry is not null)
        {
            settings["Email:Telemetry:Enabled"] = telemetry.Value ? "true" : "false";
            settings["Email:Telemetry:TraceSampleRatio"] = options.TraceSampleRatio.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var node = await NodeHost.StartAsync(kafka.BootstrapServers, folder, Group("pipeline"), settings, withTelemetry: telemetry is not null);
        await WaitForSentAsync(node.SendLog, expected.Count);
        results.Add(await MeasureAsync(name, folder, expected, null, load, EmlFiles(pickup)));
        if (options.SteadyRecords == 0)
        {
            return results;
        }

        load = MachineLoad.LoadAverage1();
        Console.WriteLine($"pipeline (pickup) at {options.Rate}/s for {options.Seconds} s: running");
        var sentAt = await kafka.ProduceAtRateAsync("steady", options.SteadyRecords, options.Rate);
        await WaitForSentAsync(node.SendLog, expected.Count + options.SteadyRecords);
        results.Add(await MeasureAsync($"pipeline at {options.Rate}/s", folder, [.. sentAt.Keys], sentAt, load, EmlFiles(pickup)));
        return results;
    }

    /// <summary>Counts what the send log and the mailbox hold of <paramref name="expected"/>, and times it from the send log.</summary>
    private static async Task<ScenarioResult> MeasureAsync(
        string name, string folder, HashSet<Guid> expected, IReadOnlyDictionary<Guid, DateTimeOffset>? sentAt, string loadStart, HashSet<Guid> delivered)
    {
        var loadEnd = MachineLoad.LoadAverage1();
        var sent = await SendLogReader.SentAsync(Path.Combine(folder, "send-log.db"));
        var logged = expected.Where(sent.ContainsKey).ToList();
        var mailed = expected.Count(delivered.Contains);
        var problems = new List<string>();
        if (logged.Count != expected.Count)
        {
            problems.Add($"the send log holds {logged.Count} of the {expected.Count} events as sent");
        }

        if (mailed != expected.Count)
        {
            problems.Add($"{mailed} of the {expected.Count} events were delivered");
        }

        if (logged.Count == 0)
        {
            return new ScenarioResult(name, expected.Count, 0, TimeSpan.MaxValue, [], loadStart, loadEnd, problems);
        }

        var recorded = logged.Select(id => sent[id]).ToList();
        var start = sentAt is null ? recorded.Min() : logged.Min(id => sentAt[id]);
        var elapsed = recorded.Max() - start;
        var latencies = sentAt is null ? [] : logged.Select(id => (sent[id] - sentAt[id]).TotalMilliseconds).ToArray();
        return new ScenarioResult(name, expected.Count, Math.Min(logged.Count, mailed), elapsed > TimeSpan.Zero ? elapsed : TimeSpan.FromMilliseconds(1), latencies, loadStart, loadEnd, problems);
    }

    private static async Task WaitForSentAsync(ISendLog sendLog, int count)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (await sendLog.CountAsync(SendStatus.Sent, CancellationToken.None) < count && TimeProvider.System.GetElapsedTime(started) < Patience)
        {
            await Task.Delay(100);
        }
    }

    private static HashSet<Guid> EmlFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*" + Delivery.PickupFolderMailDelivery.Extension)
            .Select(f => Guid.TryParse(Path.GetFileNameWithoutExtension(f), out var id) ? id : Guid.Empty)
            .ToHashSet();

    private static async Task<SqlSendLog> SendLogAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var sendLog = new SqlSendLog(
            new SendLogOptions { Provider = SendLogProviders.Sqlite, ConnectionString = $"Data Source={Path.Combine(folder, "send-log.db")}" }, TimeProvider.System);
        await sendLog.EnsureSchemaAsync(CancellationToken.None);
        return sendLog;
    }

    private static WelcomeMessageRenderer Renderer() => new(
        WelcomeTemplates.Load(Path.Combine(AppContext.BaseDirectory, "Templates", "Welcome"), "en"), MailboxAddress.Parse(From), TimeProvider.System);

    private static string Group(string scenario) => $"bench-{scenario}-{Guid.NewGuid():N}";
}
