using SignupEmail.SignupCtl.Connection;
using SignupEmail.SignupCtl.Contract;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl.Commands.Cluster;

/// <summary><c>cluster leave &lt;address&gt;</c>: asks the member to leave the cluster gracefully.</summary>
internal sealed class ClusterLeaveCommand(AdminClients clients, IAnsiConsole console) : AdminCommand<ClusterAddressSettings>(clients, console)
{
    public override async Task<int> ExecuteAsync(CommandContext context, ClusterAddressSettings settings, CancellationToken cancellationToken) =>
        Show(await Clients.User(settings).LeaveAsync(settings.Address, cancellationToken), settings, Render);

    private void Render(ClusterCommandAccepted accepted) =>
        Console.Write(new Text($"Accepted: {accepted.Action} {accepted.Address}{Environment.NewLine}"));
}
