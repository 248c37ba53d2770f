using System.ComponentModel;
using SignupEmail.SignupCtl.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl.Commands.Node;

/// <summary><c>node info --user|--email</c>.</summary>
internal sealed class NodeInfoSettings : AdminCommandSettings
{
    [CommandOption("--user")]
    [Description("Ask the User node.")]
    public bool User { get; init; }

    [CommandOption("--email")]
    [Description("Ask the Email node.")]
    public bool Email { get; init; }

    public override ValidationResult Validate() =>
        User == Email ? ValidationResult.Error("say which node: --user or --email.") : ValidationResult.Success();
}
