using System.Globalization;

namespace SignupEmail.SignupBurst.Bench;

/// <summary>
/// Command line: <c>[--calm-rate 20] [--burst-factor 10] [--seconds 15] [--rounds 2]
/// [--hash-iterations 1000] [--devhost-dll PATH]</c>.
/// </summary>
internal sealed record BurstOptions(int CalmRate, int BurstFactor, int Seconds, int Rounds, int HashIterations, string DevHostDll)
{
    public const string Usage =
        "usage: SignupBurst.Bench [--calm-rate 20] [--burst-factor 10] [--seconds 15] [--rounds 2] [--hash-iterations 1000] [--devhost-dll PATH]";

    public static BurstOptions Parse(string[] args)
    {
        var options = new BurstOptions(20, 10, 15, 2, 1_000, Path.Combine(AppContext.BaseDirectory, "SignupEmail.DevHost.dll"));
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
                "--devhost-dll" => options with { DevHostDll = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }

        return options.CalmRate < 1 || options.BurstFactor < 1 || options.Seconds < 1 || options.Rounds < 1 || options.HashIterations < 1
            ? throw new ArgumentException("every number must be at least 1")
            : options;
    }

    public int BurstRate => CalmRate * BurstFactor;

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
