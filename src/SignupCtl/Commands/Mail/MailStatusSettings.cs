using System.ComponentModel;
using SignupEmail.SignupCtl.Connection;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl.Commands.Mail;

/// <summary><c>mail status &lt;email|eventId&gt;</c>.</summary>
internal sealed class MailStatusSettings : AdminCommandSettings
{
    [CommandArgument(0, "<email|eventId>")]
    [Description("The address signed up with, or the signup's eventId.")]
    public string Subject { get; init; } = string.Empty;
}
