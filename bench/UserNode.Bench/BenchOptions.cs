using System.Globalization;

namespace SignupEmail.UserNode.Bench;

internal sealed record BenchOptions(int Rate, int Seconds, int Prefill, int IdleSeconds, IReadOnlyList<string> Providers)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(200, 30, 100_000, 30, ["sqlite", "postgres"]);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--rate" => options with { Rate = int.Parse(value, CultureInfo.InvariantCulture) },
                "--seconds" => options with { Seconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--prefill" => options with { Prefill = int.Parse(value, CultureInfo.InvariantCulture) },
                "--idle-seconds" => options with { IdleSeconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--providers" => options with { Providers = value.Split(',', StringSplitOptions.RemoveEmptyEntries) },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }

        return options;
    }
}
