using System.Globalization;
using SignupEmail.SignupCtl.Connection;
using SignupEmail.SignupCtl.Output;
using Spectre.Console;
using Spectre.Console.Cli;
using NodeInfo = SignupEmail.SignupCtl.Contract.NodeInfo;

namespace SignupEmail.SignupCtl.Commands.Node;

/// <summary><c>node info</c>: a node's version, uptime and settings (the node masks the secrets).</summary>
internal sealed class NodeInfoCommand(AdminClients clients, IAnsiConsole console) : AdminCommand<NodeInfoSettings>(clients, console)
{
    public override async Task<int> ExecuteAsync(CommandContext context, NodeInfoSettings settings, CancellationToken cancellationToken)
    {
        var answer = settings.User
            ? await Clients.User(settings).NodeAsync(cancellationToken)
            : await Clients.Email(settings).NodeAsync(cancellationToken);
        return Show(answer, settings, Render);
    }

    private void Render(NodeInfo node)
    {
        Console.Write(TableRows.Properties(
        [
            ("Node", node.Node),
            ("Version", node.Version),
            ("Host", node.Host),
            ("Process id", node.ProcessId.ToString(CultureInfo.InvariantCulture)),
            ("Environment", node.Environment),
            ("Started at", node.StartedAt.ToString("u", CultureInfo.InvariantCulture)),
            ("Uptime", node.Uptime.ToString(node.Uptime.Days > 0 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", CultureInfo.InvariantCulture)),
        ]));
        var configuration = TableRows.Plain("Setting", "Value");
        foreach (var (key, value) in node.Configuration.OrderBy(setting => setting.Key, StringComparer.Ordinal))
        {
            configuration.AddPlainRow(key, value);
        }

        Console.Write(configuration);
    }
}
