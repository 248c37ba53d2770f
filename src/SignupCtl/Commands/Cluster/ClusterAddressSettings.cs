using System.ComponentModel;
using SignupEmail.SignupCtl.Connection;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl.Commands.Cluster;

/// <summary>A cluster member's address, e.g. <c>akka.tcp://signup-user@127.0.0.1:4053</c>.</summary>
internal class ClusterAddressSettings : AdminCommandSettings
{
    [CommandArgument(0, "<address>")]
    [Description("The member's address, as cluster show prints it.")]
    public string Address { get; init; } = string.Empty;
}
