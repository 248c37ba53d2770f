using System.Globalization;
using SignupEmail.SignupCtl.Connection;
using SignupEmail.SignupCtl.Contract;
using SignupEmail.SignupCtl.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl.Commands.Sharding;

/// <summary><c>sharding regions</c>: the asked User node's shard region, shard by shard.</summary>
internal sealed class ShardingRegionsCommand(AdminClients clients, IAnsiConsole console) : AdminCommand<AdminCommandSettings>(clients, console)
{
    public override async Task<int> ExecuteAsync(CommandContext context, AdminCommandSettings settings, CancellationToken cancellationToken) =>
        Show(await Clients.User(settings).RegionAsync(cancellationToken), settings, Render);

    private void Render(ShardRegionState region)
    {
        Console.Write(new Text($"{region.TypeName} region at {region.Address}{Environment.NewLine}"));
        var table = TableRows.Plain("Shard", "Entities");
        // Shard ids are numbers as text: shorter first puts 4 before 17.
        foreach (var shard in region.Shards.OrderBy(shard => shard.ShardId.Length).ThenBy(shard => shard.ShardId, StringComparer.Ordinal))
        {
            table.AddPlainRow(shard.ShardId, shard.Entities.ToString(CultureInfo.InvariantCulture));
        }

        table.AddPlainRow("total", region.Shards.Sum(shard => shard.Entities).ToString(CultureInfo.InvariantCulture));
        Console.Write(table);
        if (region.Failed.Count > 0)
        {
            Console.Write(new Text($"Shards that did not answer: {string.Join(", ", region.Failed)}{Environment.NewLine}"));
        }
    }
}
