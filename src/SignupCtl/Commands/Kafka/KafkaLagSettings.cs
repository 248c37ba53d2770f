using System.ComponentModel;
using SignupEmail.SignupCtl.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl.Commands.Kafka;

/// <summary><c>kafka lag [--watch] [--interval S] [--count N]</c>.</summary>
internal sealed class KafkaLagSettings : AdminCommandSettings
{
    [CommandOption("-w|--watch")]
    [Description("Redraw the table until Ctrl+C.")]
    public bool Watch { get; init; }

    [CommandOption("--interval <SECONDS>")]
    [Description("Seconds between refreshes with --watch.")]
    [DefaultValue(1.0)]
    public double Interval { get; init; } = 1.0;

    [CommandOption("--count <N>")]
    [Description("With --watch: stop after N refreshes (default: until Ctrl+C).")]
    public int? Count { get; init; }

    public override ValidationResult Validate() =>
        Interval is < 0.1 or > 3600 ? ValidationResult.Error("--interval must be between 0.1 and 3600 seconds.")
        : Count is < 1 ? ValidationResult.Error("--count must be at least 1.")
        : Count is not null && !Watch ? ValidationResult.Error("--count only goes with --watch.")
        : ValidationResult.Success();
}
