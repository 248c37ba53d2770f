using SignupEmail.SignupCtl.Connection;
using SignupEmail.SignupCtl.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl.Commands;

/// <summary>
/// A command that asks a node's admin API and shows the answer: as tables, or as the node's JSON with
/// <c>--json</c>. Failures leave as <see cref="SignupCtlFailure"/>; the app turns them into exit codes.
/// </summary>
internal abstract class AdminCommand<TSettings>(AdminClients clients, IAnsiConsole console) : AsyncCommand<TSettings>
    where TSettings : AdminCommandSettings
{
    protected AdminClients Clients => clients;

    protected IAnsiConsole Console => console;

    /// <summary>Prints <paramref name="answer"/> with <paramref name="render"/>, or its JSON for <c>--json</c>.</summary>
    protected int Show<T>(AdminAnswer<T> answer, TSettings settings, Action<T> render)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(render);
        if (settings.Json)
        {
            JsonOutput.WritePretty(console, answer.Json);
        }
        else
        {
            render(answer.Value);
        }

        return 0;
    }
}
