using System.ComponentModel;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl.Connection;

/// <summary>What every command takes: where the nodes are, the admin key, and whether to print JSON.</summary>
internal class AdminCommandSettings : CommandSettings
{
    [CommandOption("--user-node <URL>")]
    [Description("User node address (else SIGNUPCTL_USER_NODE, else http://127.0.0.1:5080).")]
    public string? UserNode { get; init; }

    [CommandOption("--email-node <URL>")]
    [Description("Email node address (else SIGNUPCTL_EMAIL_NODE, else http://127.0.0.1:5090).")]
    public string? EmailNode { get; init; }

    [CommandOption("--key <KEY>")]
    [Description("The nodes' admin key (else SIGNUPCTL_KEY).")]
    public string? Key { get; init; }

    [CommandOption("--json")]
    [Description("Print the node's JSON answer (indented) instead of tables.")]
    public bool Json { get; init; }
}
