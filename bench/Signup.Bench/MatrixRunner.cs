using System.Globalization;
using SignupEmail.EmbeddedKafka;
using SignupEmail.Signup.Bench.Databases;
using SignupEmail.Signup.Bench.Load;
using SignupEmail.Signup.Bench.Reporting;
using SignupEmail.Signup.Bench.Targets;
using SignupEmail.UserNode.Configuration;

namespace SignupEmail.Signup.Bench;

/// <summary>
/// Runs the matrix: per database and hashing cost, the baseline then the node, each on a fresh
/// database and in a fresh process, through every concurrency level; then prints the table and the
/// issue's goals next to the figures. Returns 0, or 3 if any response was not a 201 or the stored
/// rows do not match the 201s (the figures are then printed but flagged).
/// </summary>
internal sealed class MatrixRunner(BenchOptions options)
{
    private const double SignupsGoal = 1_000;
    private const double HashRateShareGoal = 0.9;

    private readonly List<ScenarioResult> _results = [];
    private readonly List<string> _problems = [];
    private readonly Dictionary<string, double> _hashRates = [];
    private readonly string _runTag = Guid.NewGuid().ToString("N")[..6];
    private int _loads;

    public async Task<int> RunAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var logDirectory = options.LogDirectory ?? Path.Combine(Path.GetTempPath(), "signupemail-signup-bench", "logs-" + _runTag);
        var nodeSettings = ReadNodeSettings(options.NodeDll);
        var realIterations = options.RealIterations ?? nodeSettings.Iterations;

        Console.WriteLine($"signup HTTP benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}Z, {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {MachineLoad.LoadAverage()}");
        Console.WriteLine($"node: {options.NodeDll}{string.Concat(options.NodeSettings.Select(s => $" --{s.Key}={s.Value}"))}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"databases {string.Join(", ", options.Databases)}; hashing real = {realIterations} PBKDF2 iterations (node's configuration{(options.RealIterations is null ? "" : ", overridden")}), low = {options.LowIterations}; warm-up {options.FirstWarmUp.TotalSeconds:0.#} s on a fresh server then {options.WarmUp.TotalSeconds:0.#} s, measured {options.Duration.TotalSeconds:0.#} s per level; concurrency low {string.Join(",", options.LowCostConcurrency)}, real {string.Join(",", options.RealCostConcurrency)}"));

        // The node publishes to Kafka: give it an embedded cluster unless --node-setting names the brokers.
        var needsKafka = nodeSettings.BootstrapServersKey is { } key && !options.NodeSettings.ContainsKey(key);
        using var kafka = needsKafka ? EmbeddedKafkaCluster.Start(brokerCount: 3) : null;
        var extra = new Dictionary<string, string>(options.NodeSettings, StringComparer.Ordinal);
        if (kafka is not null)
        {
            extra[nodeSettings.BootstrapServersKey!] = kafka.BootstrapServers;
            Console.WriteLine($"the node publishes to Kafka ({nodeSettings.BootstrapServersKey}): embedded 3-broker cluster in this process at {kafka.BootstrapServers}");
        }

        Console.WriteLine();
        Console.WriteLine(ScenarioResult.Header);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        SignupTarget[] targets =
        [
            .. options.Targets.SelectMany<string, SignupTarget>(t => t == "node" ? NodeTargets(extra) : [new BaselineTarget()]),
        ];
        foreach (var db in options.Databases)
        {
            foreach (var cost in options.HashCosts)
            {
                var iterations = cost == HashCost.Real ? realIterations : options.LowIterations;
                var levels = cost == HashCost.Real ? options.RealCostConcurrency : options.LowCostConcurrency;
                if (cost == HashCost.Real)
                {
                    // Right before the real-cost runs it is compared with: the machine's load drifts.
                    var (hashesPerSecond, oneHashMs) = HashRate.Measure(realIterations, options.HashRateDuration);
                    _hashRates[db] = hashesPerSecond;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"-- machine hash rate: {hashesPerSecond:0.0} hashes/s, PasswordHasher at {realIterations} iterations on {Environment.ProcessorCount} cores (one hash alone {oneHashMs:0.0} ms); load average {MachineLoad.LoadAverage()}"));
                }

                foreach (var target in targets)
                {
                    await RunTargetAsync(db, cost, iterations, target, levels, logDirectory, probe);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"=== summary after {clock.Elapsed:m\\:ss} (load average at the end {MachineLoad.LoadAverage()}) ===");
        Console.WriteLine(ScenarioResult.Header);
        foreach (var row in _results)
        {
            Console.WriteLine(row.ToRow(BaselineOf(row)));
        }

        Console.WriteLine();
        PrintGoals();
        foreach (var problem in _problems)
        {
            Console.WriteLine($"FLAGGED: {problem}");
        }

        Console.WriteLine($"server logs: {logDirectory}");
        return _problems.Count == 0 ? 0 : 3;
    }

    /// <summary>The node's configured hashing cost, and the configuration key of its Kafka bootstrap servers if it has one.</summary>
    // One node target, or one per arm of the telemetry A/B, measured back to back on the same database.
    private IEnumerable<SignupTarget> NodeTargets(Dictionary<string, string> extra)
    {
        if (options.Telemetry.Count == 0)
        {
            yield return new NodeTarget(options.NodeDll, extra);
            yield break;
        }

        foreach (var arm in options.Telemetry)
        {
            var on = arm == "on";
            var settings = new Dictionary<string, string>(extra, StringComparer.Ordinal)
            {
                ["UserNode:Telemetry:Enabled"] = on ? "true" : "false",
                ["UserNode:Telemetry:TraceSampleRatio"] = options.TraceSampleRatio.ToString(CultureInfo.InvariantCulture),
            };
            yield return new NodeTarget(options.NodeDll, settings, on ? "node-otel" : "node-otel-off");
        }
    }

    private static (int Iterations, string? BootstrapServersKey) ReadNodeSettings(string nodeDll)
    {
        var appSettings = Path.Combine(Path.GetDirectoryName(nodeDll)!, "appsettings.json");
        var configuration = new ConfigurationBuilder().AddJsonFile(appSettings, optional: true).Build();
        var section = configuration.GetSection(UserNodeOptions.Section);
        var iterations = section.GetValue("Signup:PasswordHashIterations", new SignupOptions().PasswordHashIterations);
        var bootstrap = section.AsEnumerable()
            .Select(pair => pair.Key)
            .FirstOrDefault(key => key.EndsWith(":BootstrapServers", StringComparison.OrdinalIgnoreCase));
        return (iterations, bootstrap);
    }

    private async Task RunTargetAsync(
        string db, HashCost cost, int iterations, SignupTarget target, IReadOnlyList<int> levels, string logDirectory, HttpClient probe)
    {
        await using var database = await BenchDatabase.CreateAsync(db, options);
        ServerProcess server;
        try
        {
            server = await target.StartAsync(database, iterations, logDirectory, probe);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            _problems.Add($"{db} {cost} {target.Name}: did not start: {e.Message}");
            Console.WriteLine($"{db} {cost} {target.Name}: DID NOT START\n{e.Message}");
            return;
        }

        await using (server)
        {
            long created = 0;
            long open = 0;
            var warmUp = options.FirstWarmUp > options.WarmUp ? options.FirstWarmUp : options.WarmUp;
            foreach (var concurrency in levels)
            {
                var loadBefore = MachineLoad.LoadAverage1();
                CpuSample? start = null;
                CpuSample? end = null;
                var load = await LoadGenerator.RunAsync(
                    server.BaseAddress,
                    new SignupPayloads(string.Create(CultureInfo.InvariantCulture, $"{_runTag}{++_loads}")), // unique addresses in every load
                    concurrency,
                    warmUp,
                    options.Duration,
                    measuring =>
                    {
                        if (measuring)
                        {
                            start = CpuSample.Take(server.CpuTime);
                        }
                        else
                        {
                            end = CpuSample.Take(server.CpuTime);
                        }
                    });
                warmUp = options.WarmUp;
                created += load.AllSignups;
                open += load.AllStatuses.Where(s => s.Key is 0 or 503).Sum(s => s.Value);
                var row = new ScenarioResult(
                    db, cost, iterations, target.Name, load, end!.ServerCores(start!), end.GeneratorCores(start!), end.MachineBusyShare(start!), loadBefore, MachineLoad.LoadAverage1());
                _results.Add(row);
                Console.WriteLine(row.ToRow(BaselineOf(row)));
                if (load.AllErrors > 0)
                {
                    var statuses = string.Join(", ", load.AllStatuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));
                    _problems.Add($"{db} {cost} {target.Name} c={concurrency}: responses other than 201 ({statuses}); first: {string.Join(" | ", load.ErrorSamples)}");
                }
            }

            // A 503 or a client timeout leaves the outcome open: the write may still commit after
            // the server gave up waiting. Fewer rows than 201s is a lost signup; more rows than
            // 201s plus open outcomes is a phantom one.
            var stored = await database.ScalarAsync(target.StoredSignupsSql);
            if (stored < created || stored > created + open)
            {
                _problems.Add($"{db} {cost} {target.Name}: {created} signups answered 201 and {open} left open (503 or no answer), but {stored} stored.");
            }
            else if (stored > created)
            {
                _problems.Add($"{db} {cost} {target.Name}: {stored - created} of {open} signups answered 503 (or not at all) were stored anyway: a client that retries them gets 409.");
            }
        }
    }

    private ScenarioResult? BaselineOf(ScenarioResult row) => row.Target == "baseline"
        ? null
        : _results.FirstOrDefault(r => r.Target == "baseline" && r.Database == row.Database && r.Cost == row.Cost && r.Load.Concurrency == row.Load.Concurrency);

    private void PrintGoals()
    {
        Console.WriteLine("goals of the issue (reported, not asserted):");
        foreach (var group in _results.Where(r => r.Target == "node").GroupBy(r => (r.Database, r.Cost)))
        {
            var best = group.MaxBy(r => r.Load.SignupsPerSecond)!;
            var baseline = _results.Where(r => r.Target == "baseline" && r.Database == best.Database && r.Cost == best.Cost)
                .MaxBy(r => r.Load.SignupsPerSecond);
            var baselineText = baseline is null ? "" : string.Create(CultureInfo.InvariantCulture, $"; best baseline {baseline.Load.SignupsPerSecond:0}/s (c={baseline.Load.Concurrency})");
            var hashesPerSecond = _hashRates.GetValueOrDefault(best.Database, double.NaN);
            var (goal, goalText) = best.Cost == HashCost.Low
                ? (SignupsGoal, "≥ 1000 signups/s")
                : (HashRateShareGoal * hashesPerSecond, string.Create(CultureInfo.InvariantCulture, $"≥ 0.9 × {hashesPerSecond:0.0} hashes/s = {HashRateShareGoal * hashesPerSecond:0.0}/s"));
            var verdict = double.IsNaN(goal) ? "n/a" : best.Load.SignupsPerSecond >= goal ? "MET" : "MISSED";
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {best.Database,-8} {(best.Cost == HashCost.Low ? "low" : "real"),-4} node best {best.Load.SignupsPerSecond:0}/s at c={best.Load.Concurrency} (p99 {best.Load.Percentile(0.99):0} ms) vs goal {goalText}: {verdict}{baselineText}"));
        }
    }
}
