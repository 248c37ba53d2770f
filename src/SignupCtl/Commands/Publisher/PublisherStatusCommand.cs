using System.Globalization;
using SignupEmail.SignupCtl.Connection;
using SignupEmail.SignupCtl.Contract;
using SignupEmail.SignupCtl.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl.Commands.Publisher;

/// <summary><c>publisher status</c>: where the journal publisher singleton runs and how far it got.</summary>
internal sealed class PublisherStatusCommand(AdminClients clients, IAnsiConsole console) : AdminCommand<AdminCommandSettings>(clients, console)
{
    public override async Task<int> ExecuteAsync(CommandContext context, AdminCommandSettings settings, CancellationToken cancellationToken) =>
        Show(await Clients.User(settings).PublisherAsync(cancellationToken), settings, Render);

    private void Render(PublisherStatus status) =>
        Console.Write(TableRows.Properties(
        [
            ("Runs on", status.Address),
            ("Running", TableRows.YesNo(status.Running)),
            ("Committed ordering", Number(status.CommittedOrdering)),
            ("In flight", Number(status.InFlight)),
            ("Open gaps", Number(status.OpenGaps)),
            ("Oldest unacknowledged", status.WaitingForKafka.ToString("c", CultureInfo.InvariantCulture)),
            ("Held", Number(status.Held)),
            ("First held", status.FirstHeld is { } first ? Number(first) : null),
        ]));

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
