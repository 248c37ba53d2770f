using System.Globalization;

namespace SignupEmail.Signup.Bench;

/// <summary>Which scenarios to run and how, from the command line.</summary>
internal sealed record BenchOptions
{
    public const string PostgresVariable = "SIGNUPEMAIL_TEST_POSTGRES";

    public IReadOnlyList<string> Databases { get; init; } = ["sqlite", "postgres"];

    public IReadOnlyList<HashCost> HashCosts { get; init; } = [HashCost.Low, HashCost.Real];

    public IReadOnlyList<string> Targets { get; init; } = ["baseline", "node"];

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(12);

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Warm-up of the first level after a server starts: tiered JIT keeps recompiling for 30–40 s
    /// under load on 2 cores (measured: 0.4–0.6 s of JIT per second at first, 0.03 s/s at 45 s).
    /// </summary>
    public TimeSpan FirstWarmUp { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Concurrency levels per hashing cost; <c>--concurrency</c> sets both. Tried here 16–256: the
    /// node peaked at 64 (p99 exploded and 503s appeared at 256), the baseline kept gaining up to 256;
    /// with real hashing 8 workers keep both cores hashing.
    /// </summary>
    public IReadOnlyList<int> LowCostConcurrency { get; init; } = [32, 64, 128];

    public IReadOnlyList<int> RealCostConcurrency { get; init; } = [8];

    public string? PostgresConnectionString { get; init; } = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public string NodeDll { get; init; } = Path.Combine(AppContext.BaseDirectory, "SignupEmail.UserNode.dll");

    /// <summary>Real PBKDF2 iterations; <c>null</c>: what the node's appsettings.json configures.</summary>
    public int? RealIterations { get; init; }

    /// <summary>The lowered cost: the least the node accepts.</summary>
    public int LowIterations { get; init; } = 1;

    public TimeSpan HashRateDuration { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Extra configuration for the node (<c>--node-setting Key=Value</c>, repeatable): experiments without a rebuild.</summary>
    public IReadOnlyDictionary<string, string> NodeSettings { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The OpenTelemetry A/B (<c>--telemetry on|off|both</c>): empty runs the node as configured; otherwise
    /// one node target per arm, <c>node-otel</c> (SDK on, metrics and traces sampled at
    /// <see cref="TraceSampleRatio"/>, no exporter) and <c>node-otel-off</c> (no SDK), in the same run.
    /// </summary>
    public IReadOnlyList<string> Telemetry { get; init; } = [];

    /// <summary>Share of new traces the <c>node-otel</c> arm keeps: what production would configure.</summary>
    public double TraceSampleRatio { get; init; } = 0.1;

    /// <summary>Keep the node's log next to the report (directory), or <c>null</c>.</summary>
    public string? LogDirectory { get; init; }

    public static string Usage =>
        """
        usage: Signup.Bench [options]            the HTTP signup matrix (node vs baseline, SQLite/PostgreSQL, hashing cost)
          --db sqlite|postgres|both              databases (default both)
          --hash real|low|both                   password hashing at the node's configured cost, at 1 iteration, or both (default both)
          --target node|baseline|both            what to load (default both)
          --duration 12s                         measured phase per concurrency level
          --warmup 3s                            unmeasured phase before each level
          --first-warmup 20s                     unmeasured phase before the first level of a fresh server (JIT)
          --concurrency 32,64,128                closed-loop workers (all costs); or --low-concurrency / --real-concurrency (default 32,64,128 / 8)
          --postgres "Host=..."                  PostgreSQL server (default: $SIGNUPEMAIL_TEST_POSTGRES)
          --real-iterations N                    override the node's configured PBKDF2 iterations
          --low-iterations N                     the lowered cost (default 1)
          --hash-rate-duration 4s                how long to measure the machine's hash rate
          --node-dll PATH                        the built User node (default: next to this program)
          --node-setting Key=Value               extra node configuration, e.g. Logging:LogLevel:Default=Warning (repeatable)
          --logs DIR                             keep each server's output in DIR
          --telemetry on|off|both                OpenTelemetry A/B: node-otel (SDK on) and/or node-otel-off (no SDK) targets (default: the node as configured)
          --trace-sample-ratio 0.1               new traces kept by the node-otel arm (parent-based; default 0.1)
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--db" => options with { Databases = Choice(Value(), "sqlite", "postgres") },
                "--hash" => options with { HashCosts = [.. Choice(Value(), "low", "real").Select(c => c == "low" ? HashCost.Low : HashCost.Real)] },
                "--target" => options with { Targets = Choice(Value(), "baseline", "node") },
                "--duration" => options with { Duration = ParseDuration(Value()) },
                "--warmup" => options with { WarmUp = ParseDuration(Value()) },
                "--first-warmup" => options with { FirstWarmUp = ParseDuration(Value()) },
                "--concurrency" => Concurrency(options, Value()),
                "--low-concurrency" => options with { LowCostConcurrency = ParseLevels(Value()) },
                "--real-concurrency" => options with { RealCostConcurrency = ParseLevels(Value()) },
                "--postgres" => options with { PostgresConnectionString = Value() },
                "--real-iterations" => options with { RealIterations = PositiveInt(Value()) },
                "--low-iterations" => options with { LowIterations = PositiveInt(Value()) },
                "--hash-rate-duration" => options with { HashRateDuration = ParseDuration(Value()) },
                "--node-dll" => options with { NodeDll = Path.GetFullPath(Value()) },
                "--logs" => options with { LogDirectory = Path.GetFullPath(Value()) },
                "--node-setting" => WithNodeSetting(options, Value()),
                "--telemetry" => options with { Telemetry = Choice(Value(), "on", "off") },
                "--trace-sample-ratio" => options with { TraceSampleRatio = Ratio(Value()) },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        if (options.Databases.Contains("postgres") && options.PostgresConnectionString is null)
        {
            throw new ArgumentException($"PostgreSQL needs --postgres or {PostgresVariable}.");
        }

        return options;
    }

    public static TimeSpan ParseDuration(string value)
    {
        var (number, unit) = value.EndsWith("ms", StringComparison.Ordinal) ? (value[..^2], 0.001)
            : value.EndsWith('s') ? (value[..^1], 1.0)
            : value.EndsWith('m') ? (value[..^1], 60.0)
            : (value, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0
            ? TimeSpan.FromSeconds(amount * unit)
            : throw new ArgumentException($"'{value}' is not a duration like 20s, 500ms or 1m.");
    }

    private static BenchOptions Concurrency(BenchOptions options, string value)
    {
        var levels = ParseLevels(value);
        return options with { LowCostConcurrency = levels, RealCostConcurrency = levels };
    }

    private static BenchOptions WithNodeSetting(BenchOptions options, string value)
    {
        var split = value.IndexOf('=', StringComparison.Ordinal);
        if (split <= 0)
        {
            throw new ArgumentException($"'{value}' is not Key=Value.");
        }

        return options with { NodeSettings = new Dictionary<string, string>(options.NodeSettings, StringComparer.Ordinal) { [value[..split]] = value[(split + 1)..] } };
    }

    private static double Ratio(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio) && ratio is >= 0 and <= 1
            ? ratio
            : throw new ArgumentException($"'{value}' is not a ratio from 0 to 1.");

    private static List<int> ParseLevels(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(PositiveInt)];

    private static int PositiveInt(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"'{value}' is not a positive whole number.");

    private static List<string> Choice(string value, string first, string second) => value switch
    {
        "both" => [first, second],
        _ when value == first || value == second => [value],
        _ => throw new ArgumentException($"'{value}' is not {first}, {second} or both."),
    };
}
