using SignupEmail.SignupCtl.Connection;
using SignupEmail.SignupCtl.Contract;
using SignupEmail.SignupCtl.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl.Commands.Cluster;

/// <summary><c>cluster show</c>: the User nodes' cluster members, leader and unreachable set.</summary>
internal sealed class ClusterShowCommand(AdminClients clients, IAnsiConsole console) : AdminCommand<AdminCommandSettings>(clients, console)
{
    public override async Task<int> ExecuteAsync(CommandContext context, AdminCommandSettings settings, CancellationToken cancellationToken) =>
        Show(await Clients.User(settings).ClusterAsync(cancellationToken), settings, Render);

    private void Render(ClusterState cluster)
    {
        var members = TableRows.Plain("Address", "Status", "Up #", "Reachable", "Roles", "");
        foreach (var member in cluster.Members)
        {
            var marks = string.Join(", ", new[] { member.IsSelf ? "self" : null, member.IsLeader ? "leader" : null }.OfType<string>());
            members.AddPlainRow(
                member.Address,
                member.Status,
                member.UpNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                TableRows.YesNo(member.Reachable),
                member.Roles.Count == 0 ? "-" : string.Join(", ", member.Roles),
                marks);
        }

        Console.Write(members);
        Console.Write(new Text($"Leader: {cluster.Leader ?? "none"}{Environment.NewLine}"));
        Console.Write(new Text(
            $"Unreachable: {(cluster.Unreachable.Count == 0 ? "none" : string.Join(", ", cluster.Unreachable))}{Environment.NewLine}"));
    }
}
