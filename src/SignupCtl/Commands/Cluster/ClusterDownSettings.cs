using System.ComponentModel;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl.Commands.Cluster;

/// <summary><c>cluster down &lt;address&gt; [--force]</c>.</summary>
internal sealed class ClusterDownSettings : ClusterAddressSettings
{
    [CommandOption("--force")]
    [Description("Also down the node that is asked (the node refuses to down itself otherwise).")]
    public bool Force { get; init; }
}
