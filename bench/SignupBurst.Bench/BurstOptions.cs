using System.Globalization;

namespace SignupEmail.SignupBurst.Bench;

/// <summary>
/// Command line: <c>[--calm-rate 20] [--burst-factor 10] [--seconds 15] [--rounds 2]
/// [--hash-iterations 1000] [--mail on|off] [--devhost-dll PATH] [--env NAME=VALUE]...</c>; <c>--env</c> sets an
/// environment variable of DevHost (a node setting such as <c>Email__Kafka__MaxInFlightPerPartition=1</c>).
/// <c>--mail off</c> keeps the Email node idle, so a burst is the signups' own work only.
/// </summary>
internal sealed record BurstOptions(int CalmRate, int BurstFactor, int Seconds, int Rounds, int HashIterations, bool Mail, string DevHostDll, IReadOnlyDictionary<string, string> Environment)
{
    public const string Usage =
        "usage: SignupBurst.Bench [--calm-rate 20] [--burst-factor 10] [--seconds 15] [--rounds 2] [--hash-iterations 1000] [--mail on|off] [--devhost-dll PATH] [--env NAME=VALUE]...";

    public static BurstOptions Parse(string[] args)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var options = new BurstOptions(20, 10, 15, 2, 1_000, true, Path.Combine(AppContext.BaseDirectory, "SignupEmail.DevHost.dll"), environment);
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"Option {args[i]} needs a value");
            options = args[i] switch
            {
                "--calm-rate" => options with { CalmRate = Int(value) },
                "--burst-factor" => options with { BurstFactor = Int(value) },
                "--seconds" => options with { Seconds = Int(value) },
                "--rounds" => options with { Rounds = Int(value) },
                "--hash-iterations" => options with { HashIterations = Int(value) },
                "--mail" => options with { Mail = OnOff(value) },
                "--devhost-dll" => options with { DevHostDll = Path.GetFullPath(value) },
                "--env" when value.IndexOf('=', StringComparison.Ordinal) > 0 => AddEnvironment(options, environment, value),
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }

        return options.CalmRate < 1 || options.BurstFactor < 1 || options.Seconds < 1 || options.Rounds < 1 || options.HashIterations < 1
            ? throw new ArgumentException("every number must be at least 1")
            : options;
    }

    public int BurstRate => CalmRate * BurstFactor;

    private static BurstOptions AddEnvironment(BurstOptions options, Dictionary<string, string> environment, string assignment)
    {
        var split = assignment.IndexOf('=', StringComparison.Ordinal);
        environment[assignment[..split]] = assignment[(split + 1)..];
        return options;
    }

    private static bool OnOff(string value) => value switch
    {
        "on" => true,
        "off" => false,
        _ => throw new ArgumentException($"--mail takes on or off, not {value}"),
    };

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
