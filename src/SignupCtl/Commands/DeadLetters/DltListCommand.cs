using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SignupEmail.SignupCtl.Connection;
using SignupEmail.SignupCtl.Contract;
using SignupEmail.SignupCtl.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl.Commands.DeadLetters;

/// <summary>
/// <c>dlt list</c>: records on the dead-letter topic, oldest first, with where each came from and why
/// it failed; follows the node's <c>next</c> pages until <c>--limit</c> records or the end.
/// </summary>
internal sealed class DltListCommand(AdminClients clients, IAnsiConsole console) : AdminCommand<DltListSettings>(clients, console)
{
    public override async Task<int> ExecuteAsync(CommandContext context, DltListSettings settings, CancellationToken cancellationToken)
    {
        var client = Clients.Email(settings);
        var items = new List<DeadLetter>();
        var jsonItems = new JsonArray();
        var page = await client.DeadLettersAsync(settings.Partition, settings.Limit, cancellationToken);
        while (true)
        {
            var wanted = page.Value.Items.Take(settings.Limit - items.Count).ToList();
            items.AddRange(wanted);
            AddJsonItems(jsonItems, page.Json, wanted.Count);
            if (items.Count >= settings.Limit || page.Value.Next is not { Length: > 0 } next || page.Value.Items.Count == 0)
            {
                break;
            }

            page = await client.NextDeadLettersAsync(next, cancellationToken);
        }

        // One answer for all pages: the items the table shows, with no next page to follow.
        var json = new JsonObject { ["items"] = jsonItems, ["next"] = null }.ToJsonString();
        return Show(new AdminAnswer<IReadOnlyList<DeadLetter>>(items, json), settings, Render);
    }

    private static void AddJsonItems(JsonArray into, string pageJson, int count)
    {
        var page = JsonNode.Parse(pageJson) ?? throw new JsonException("a dead-letter page is JSON null");
        foreach (var item in (page["items"]?.AsArray() ?? []).Take(count))
        {
            into.Add(item?.DeepClone());
        }
    }

    private void Render(IReadOnlyList<DeadLetter> items)
    {
        var table = TableRows.Plain("Partition", "Offset", "Failed at", "Event", "From", "Attempts", "Error");
        foreach (var item in items)
        {
            table.AddPlainRow(
                item.Partition.ToString(CultureInfo.InvariantCulture),
                item.Offset.ToString(CultureInfo.InvariantCulture),
                Header(item, "dlt-failed-at") ?? item.Timestamp.ToString("u", CultureInfo.InvariantCulture),
                item.EventId,
                $"{Header(item, "dlt-original-topic")}[{Header(item, "dlt-original-partition")}]@{Header(item, "dlt-original-offset")}",
                Header(item, "dlt-attempts"),
                $"{Header(item, "dlt-exception-type")}: {Header(item, "dlt-exception-message")}");
        }

        Console.Write(table);
        Console.Write(new Text($"{items.Count} dead letter{(items.Count == 1 ? string.Empty : "s")}.{Environment.NewLine}"));
    }

    private static string? Header(DeadLetter item, string name) => item.Headers.GetValueOrDefault(name);
}
