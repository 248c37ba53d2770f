using System.ComponentModel;
using System.Globalization;
using SignupEmail.SignupCtl.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl.Commands.DeadLetters;

/// <summary><c>dlt replay &lt;partition&gt;:&lt;offset&gt; | --all</c>.</summary>
internal sealed class DltReplaySettings : AdminCommandSettings
{
    [CommandArgument(0, "[partition:offset]")]
    [Description("The dead letter to replay, as dlt list shows it (e.g. 0:3).")]
    public string? Record { get; init; }

    [CommandOption("--all")]
    [Description("Replay every record on the dead-letter topic.")]
    public bool All { get; init; }

    public override ValidationResult Validate() =>
        (Record, All) switch
        {
            (null, false) => ValidationResult.Error("say which dead letter to replay: <partition>:<offset>, or --all."),
            (not null, true) => ValidationResult.Error("give either <partition>:<offset> or --all, not both."),
            (not null, false) when TryParse(Record, out _, out _) is false =>
                ValidationResult.Error($"'{Record}' is not <partition>:<offset> (e.g. 0:3)."),
            _ => ValidationResult.Success(),
        };

    /// <summary>Reads <c>&lt;partition&gt;:&lt;offset&gt;</c>, both non-negative numbers.</summary>
    public static bool TryParse(string text, out int partition, out long offset)
    {
        partition = 0;
        offset = 0;
        var parts = text.Split(':');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out partition)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }
}
