using System.ComponentModel;
using SignupEmail.SignupCtl.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl.Commands.DeadLetters;

/// <summary><c>dlt list [--partition P] [--limit N]</c>.</summary>
internal sealed class DltListSettings : AdminCommandSettings
{
    /// <summary>Most records one listing shows.</summary>
    public const int MaxLimit = 100_000;

    [CommandOption("-p|--partition <P>")]
    [Description("Only this partition of the dead-letter topic.")]
    public int? Partition { get; init; }

    [CommandOption("-n|--limit <N>")]
    [Description("Show at most N records, oldest first; pages are followed until N.")]
    [DefaultValue(100)]
    public int Limit { get; init; } = 100;

    public override ValidationResult Validate() =>
        Partition is < 0 ? ValidationResult.Error("--partition must be 0 or more.")
        : Limit is < 1 or > MaxLimit ? ValidationResult.Error($"--limit must be between 1 and {MaxLimit}.")
        : ValidationResult.Success();
}
