using System.Globalization;

namespace SignupEmail.EmailNode.Bench;

/// <summary>
/// Command line: <c>[--records 5000] [--rate 200] [--seconds 20] [--smtp true] [--smtp-server host:port]
/// [--smtp-connections 4] [--smtp-records 2000]</c>; rate or seconds 0 skips the steady-rate scenario;
/// without <c>--smtp-server</c> the SMTP scenarios use an in-process server. <c>--telemetry on|off|both</c>
/// runs the pickup pipeline once per arm (OpenTelemetry SDK registered as the node does, or not) in
/// the same run, each on a fresh group, and skips the steady rate (its records would reach the next arm).
/// </summary>
internal sealed record BenchOptions(int Records, int Rate, int Seconds, bool Smtp, string? SmtpServer, int SmtpConnections, int SmtpRecords)
{
    public const string Usage =
        "usage: EmailNode.Bench [--records 5000] [--rate 200] [--seconds 20] [--smtp true] [--smtp-server host:port] [--smtp-connections 4] [--smtp-records 2000] [--telemetry on|off|both] [--trace-sample-ratio 0.1]";

    /// <summary>Arms of the OpenTelemetry A/B (<c>true</c> = SDK on); empty: the node as the bench always ran it, without the SDK.</summary>
    public IReadOnlyList<bool> Telemetry { get; init; } = [];

    /// <summary>Share of new traces the telemetry-on arm keeps (the bench's records carry no traceparent).</summary>
    public double TraceSampleRatio { get; init; } = 0.1;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(5_000, 200, 20, true, null, 4, 2_000);
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"Option {args[i]} needs a value");
            options = args[i] switch
            {
                "--records" => options with { Records = int.Parse(value, CultureInfo.InvariantCulture) },
                "--rate" => options with { Rate = int.Parse(value, CultureInfo.InvariantCulture) },
                "--seconds" => options with { Seconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--smtp" => options with { Smtp = bool.Parse(value) },
                "--smtp-server" => options with { SmtpServer = value.Contains(':', StringComparison.Ordinal) ? value : throw new ArgumentException("--smtp-server takes host:port") },
                "--smtp-connections" => options with { SmtpConnections = int.Parse(value, CultureInfo.InvariantCulture) },
                "--smtp-records" => options with { SmtpRecords = int.Parse(value, CultureInfo.InvariantCulture) },
                "--telemetry" => options with
                {
                    Telemetry = value switch
                    {
                        "on" => [true],
                        "off" => [false],
                        "both" => [false, true],
                        _ => throw new ArgumentException("--telemetry takes on, off or both"),
                    },
                },
                "--trace-sample-ratio" => options with { TraceSampleRatio = double.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }

        return options.Records < 1 || options.Rate < 0 || options.Seconds < 0 || options.SmtpConnections < 1 || options.SmtpRecords < 1 || options.SmtpRecords > options.Records
            || options.TraceSampleRatio is < 0 or > 1
            ? throw new ArgumentException("--records, --smtp-connections and --smtp-records must be at least 1, --smtp-records at most --records; --rate and --seconds must not be negative; --trace-sample-ratio is 0 to 1")
            : options;
    }

    public int SteadyRecords => Telemetry.Count > 0 ? 0 : Rate * Seconds;
}
