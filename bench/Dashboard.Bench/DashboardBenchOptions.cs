using System.Globalization;

namespace SignupEmail.Dashboard.Bench;

/// <summary>
/// Command line: <c>[--rate 50] [--pages 10] [--seconds 15] [--rounds 3] [--hash-iterations 1000]
/// [--devhost-dll PATH] [--env NAME=VALUE]...</c>; <c>--env</c> sets an environment variable of DevHost
/// (a node or dashboard setting such as <c>Dashboard__RefreshInterval=00:00:00.5</c>).
/// </summary>
internal sealed record DashboardBenchOptions(int Rate, int Pages, int Seconds, int Rounds, int HashIterations, string DevHostDll, IReadOnlyDictionary<string, string> Environment)
{
    public const string Usage =
        "usage: Dashboard.Bench [--rate 50] [--pages 10] [--seconds 15] [--rounds 3] [--hash-iterations 1000] [--devhost-dll PATH] [--env NAME=VALUE]...";

    public static DashboardBenchOptions Parse(string[] args)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var options = new DashboardBenchOptions(50, 10, 15, 3, 1_000, Path.Combine(AppContext.BaseDirectory, "SignupEmail.DevHost.dll"), environment);
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"Option {args[i]} needs a value");
            options = args[i] switch
            {
                "--rate" => options with { Rate = Int(value) },
                "--pages" => options with { Pages = Int(value) },
                "--seconds" => options with { Seconds = Int(value) },
                "--rounds" => options with { Rounds = Int(value) },
                "--hash-iterations" => options with { HashIterations = Int(value) },
                "--devhost-dll" => options with { DevHostDll = Path.GetFullPath(value) },
                "--env" when value.IndexOf('=', StringComparison.Ordinal) > 0 => AddEnvironment(options, environment, value),
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }

        return options.Rate < 1 || options.Pages < 1 || options.Seconds < 1 || options.Rounds < 1 || options.HashIterations < 1
            ? throw new ArgumentException("every number must be at least 1")
            : options;
    }

    private static DashboardBenchOptions AddEnvironment(DashboardBenchOptions options, Dictionary<string, string> environment, string assignment)
    {
        var split = assignment.IndexOf('=', StringComparison.Ordinal);
        environment[assignment[..split]] = assignment[(split + 1)..];
        return options;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
