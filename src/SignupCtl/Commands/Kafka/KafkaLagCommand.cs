using System.Globalization;
using SignupEmail.SignupCtl.Connection;
using SignupEmail.SignupCtl.Contract;
using SignupEmail.SignupCtl.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl.Commands.Kafka;

/// <summary>
/// <c>kafka lag</c>: the Email service's consumer group on the signup topic, per partition; with
/// <c>--watch</c> the table is redrawn in place every <c>--interval</c> until Ctrl+C (or <c>--count</c>
/// refreshes), and <c>--json</c> prints one line of JSON per refresh.
/// </summary>
internal sealed class KafkaLagCommand(AdminClients clients, IAnsiConsole console) : AdminCommand<KafkaLagSettings>(clients, console)
{
    public override async Task<int> ExecuteAsync(CommandContext context, KafkaLagSettings settings, CancellationToken cancellationToken)
    {
        var client = Clients.Email(settings);
        if (!settings.Watch)
        {
            return Show(await client.LagAsync(cancellationToken), settings, lag => Console.Write(Table(lag)));
        }

        var interval = TimeSpan.FromSeconds(settings.Interval);
        if (settings.Json)
        {
            for (var refreshes = 0; settings.Count is null || refreshes < settings.Count; refreshes++)
            {
                if (refreshes > 0 && !await WaitAsync(interval, cancellationToken))
                {
                    break;
                }

                JsonOutput.WriteCompact(Console, (await client.LagAsync(cancellationToken)).Json);
            }

            return 0;
        }

        var first = await client.LagAsync(cancellationToken);
        await Console.Live(Table(first.Value)).StartAsync(async live =>
        {
            live.Refresh();
            for (var refreshes = 1; settings.Count is null || refreshes < settings.Count; refreshes++)
            {
                if (!await WaitAsync(interval, cancellationToken))
                {
                    break;
                }

                live.UpdateTarget(Table((await client.LagAsync(cancellationToken)).Value));
                live.Refresh();
            }
        });
        return 0;
    }

    /// <summary>Waits one interval; false when Ctrl+C came first, which ends a watch normally.</summary>
    private static async Task<bool> WaitAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(interval, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static Table Table(ConsumerLag lag)
    {
        var table = TableRows.Plain("Partition", "Committed", "End", "Lag", "Assigned here");
        table.Title = new TableTitle(Markup.Escape($"{lag.GroupId} on {lag.Topic} at {lag.ReadAt:HH:mm:ss}"));
        foreach (var partition in lag.Partitions.OrderBy(partition => partition.Partition))
        {
            table.AddPlainRow(
                Number(partition.Partition),
                partition.Committed is { } committed ? Number(committed) : "none",
                Number(partition.End),
                Number(partition.Lag),
                TableRows.YesNo(partition.AssignedHere));
        }

        table.AddPlainRow("total", string.Empty, string.Empty, Number(lag.TotalLag), string.Empty);
        return table;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
