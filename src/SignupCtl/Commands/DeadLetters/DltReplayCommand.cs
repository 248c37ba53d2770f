using SignupEmail.SignupCtl.Connection;
using SignupEmail.SignupCtl.Contract;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl.Commands.DeadLetters;

/// <summary><c>dlt replay</c>: sends dead letters back to the signup topic for another go.</summary>
internal sealed class DltReplayCommand(AdminClients clients, IAnsiConsole console) : AdminCommand<DltReplaySettings>(clients, console)
{
    public override async Task<int> ExecuteAsync(CommandContext context, DltReplaySettings settings, CancellationToken cancellationToken)
    {
        var selection = settings.All
            ? new ReplaySelection(All: true)
            : DltReplaySettings.TryParse(settings.Record!, out var partition, out var offset)
                ? new ReplaySelection(Partition: partition, FromOffset: offset, ToOffset: offset)
                : throw SignupCtlFailure.Usage($"'{settings.Record}' is not <partition>:<offset>.");
        return Show(await Clients.Email(settings).ReplayAsync(selection, cancellationToken), settings, Render);
    }

    private void Render(ReplayResult result) =>
        Console.Write(new Text($"Replayed {result.Replayed} record{(result.Replayed == 1 ? string.Empty : "s")}.{Environment.NewLine}"));
}
