using System.Globalization;
using SignupEmail.SignupCtl.Connection;
using SignupEmail.SignupCtl.Contract;
using SignupEmail.SignupCtl.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl.Commands.Mail;

/// <summary><c>mail status</c>: whether the welcome e-mail went out, when, and its Message-ID, from the send log.</summary>
internal sealed class MailStatusCommand(AdminClients clients, IAnsiConsole console) : AdminCommand<MailStatusSettings>(clients, console)
{
    public override async Task<int> ExecuteAsync(CommandContext context, MailStatusSettings settings, CancellationToken cancellationToken)
    {
        var client = Clients.Email(settings);
        var answer = Guid.TryParse(settings.Subject, out var eventId)
            ? await client.MailByEventAsync(eventId, cancellationToken)
            : await client.MailByEmailAsync(settings.Subject, cancellationToken);
        return Show(answer, settings, Render);
    }

    private void Render(MailLog log)
    {
        var table = TableRows.Plain("Event", "Recipient", "Status", "Attempts", "Message-ID", "Recorded at", "Last error");
        foreach (var entry in log.Items)
        {
            table.AddPlainRow(
                entry.EventId,
                entry.Recipient,
                entry.Status,
                entry.Attempts.ToString(CultureInfo.InvariantCulture),
                entry.MessageId,
                entry.RecordedAt.ToString("u", CultureInfo.InvariantCulture),
                entry.LastError);
        }

        Console.Write(table);
    }
}
