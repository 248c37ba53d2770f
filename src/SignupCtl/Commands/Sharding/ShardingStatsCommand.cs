using System.Globalization;
using SignupEmail.SignupCtl.Connection;
using SignupEmail.SignupCtl.Contract;
using SignupEmail.SignupCtl.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl.Commands.Sharding;

/// <summary><c>sharding stats</c>: shards and entities of every region in the cluster.</summary>
internal sealed class ShardingStatsCommand(AdminClients clients, IAnsiConsole console) : AdminCommand<AdminCommandSettings>(clients, console)
{
    public override async Task<int> ExecuteAsync(CommandContext context, AdminCommandSettings settings, CancellationToken cancellationToken) =>
        Show(await Clients.User(settings).ShardingStatsAsync(cancellationToken), settings, Render);

    private void Render(ShardingStats stats)
    {
        var table = TableRows.Plain("Region", "Shards", "Entities");
        table.Title = new TableTitle(Markup.Escape($"{stats.TypeName} regions"));
        foreach (var region in stats.Regions)
        {
            table.AddPlainRow(region.Address, Number(region.Shards), Number(region.Entities));
        }

        table.AddPlainRow("total", Number(stats.TotalShards), Number(stats.TotalEntities));
        Console.Write(table);
        if (stats.Failed.Count > 0)
        {
            Console.Write(new Text($"Regions that did not answer: {string.Join(", ", stats.Failed)}{Environment.NewLine}"));
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
