using System.Globalization;

namespace SignupEmail.EmailNode.Bench;

/// <summary>Command line: <c>[--records 5000] [--rate 200] [--seconds 20] [--smtp true]</c>; rate or seconds 0 skips the steady-rate scenario.</summary>
internal sealed record BenchOptions(int Records, int Rate, int Seconds, bool Smtp)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(5_000, 200, 20, true);
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"Option {args[i]} needs a value");
            options = args[i] switch
            {
                "--records" => options with { Records = int.Parse(value, CultureInfo.InvariantCulture) },
                "--rate" => options with { Rate = int.Parse(value, CultureInfo.InvariantCulture) },
                "--seconds" => options with { Seconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--smtp" => options with { Smtp = bool.Parse(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }

        return options.Records < 1 || options.Rate < 0 || options.Seconds < 0
            ? throw new ArgumentException("--records must be at least 1; --rate and --seconds must not be negative")
            : options;
    }

    public int SteadyRecords => Rate * Seconds;
}
