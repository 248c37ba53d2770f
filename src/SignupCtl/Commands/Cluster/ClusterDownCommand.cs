using SignupEmail.SignupCtl.Connection;
using SignupEmail.SignupCtl.Contract;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl.Commands.Cluster;

/// <summary><c>cluster down &lt;address&gt; [--force]</c>: marks the member down (for a node that is gone for good).</summary>
internal sealed class ClusterDownCommand(AdminClients clients, IAnsiConsole console) : AdminCommand<ClusterDownSettings>(clients, console)
{
    public override async Task<int> ExecuteAsync(CommandContext context, ClusterDownSettings settings, CancellationToken cancellationToken) =>
        Show(await Clients.User(settings).DownAsync(settings.Address, settings.Force, cancellationToken), settings, Render);

    private void Render(ClusterCommandAccepted accepted) =>
        Console.Write(new Text($"Accepted: {accepted.Action} {accepted.Address}{Environment.NewLine}"));
}
