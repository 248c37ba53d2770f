using System.Globalization;
using SignupEmail.SignupCtl.Connection;
using SignupEmail.SignupCtl.Contract;
using SignupEmail.SignupCtl.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl.Commands.Kafka;

/// <summary>
/// <c>kafka topics</c>: the brokers, then each topic as the course draws a Kafka cluster, one row per
/// partition and one column per broker: <c>L</c> where the partition's leader is, <c>F</c> for an in-sync
/// follower, <c>f</c> for a replica that fell out of sync, blank where the broker holds no replica.
/// </summary>
internal sealed class KafkaTopicsCommand(AdminClients clients, IAnsiConsole console) : AdminCommand<AdminCommandSettings>(clients, console)
{
    public override async Task<int> ExecuteAsync(CommandContext context, AdminCommandSettings settings, CancellationToken cancellationToken) =>
        Show(await Clients.Email(settings).TopicsAsync(cancellationToken), settings, Render);

    private void Render(KafkaTopics metadata)
    {
        var brokerIds = metadata.Brokers.Select(broker => broker.Id).Order().ToList();
        var brokers = TableRows.Plain("Broker", "Host", "Port", "");
        brokers.Title = new TableTitle($"{metadata.Brokers.Count} brokers");
        foreach (var broker in metadata.Brokers.OrderBy(broker => broker.Id))
        {
            brokers.AddPlainRow(Number(broker.Id), broker.Host, Number(broker.Port), broker.Id == metadata.ControllerId ? "controller" : string.Empty);
        }

        Console.Write(brokers);
        foreach (var topic in metadata.Topics)
        {
            var table = TableRows.Plain(["Partition", "Leader", "Replicas", "ISR", .. brokerIds.Select(id => $"Broker {id}")]);
            table.Title = new TableTitle(Markup.Escape($"{topic.Name} ({topic.Partitions.Count} partitions)"));
            foreach (var partition in topic.Partitions.OrderBy(partition => partition.Partition))
            {
                table.AddPlainRow(
                [
                    Number(partition.Partition),
                    partition.Leader == KafkaPartition.NoLeader ? "none" : Number(partition.Leader),
                    string.Join(",", partition.Replicas),
                    string.Join(",", partition.Isr),
                    .. brokerIds.Select(id => Role(partition, id)),
                ]);
            }

            Console.Write(table);
        }

        Console.Write(new Text($"L leader, F in-sync follower, f out-of-sync replica{Environment.NewLine}"));
    }

    private static string Role(KafkaPartition partition, int brokerId) =>
        brokerId == partition.Leader ? "L"
        : !partition.Replicas.Contains(brokerId) ? string.Empty
        : partition.Isr.Contains(brokerId) ? "F"
        : "f";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
