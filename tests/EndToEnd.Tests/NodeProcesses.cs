using System.Text;
using SignupEmail.Testing;

namespace SignupEmail.EndToEnd.Tests;

/// <summary>
/// The child processes of one test: started through here so that every one is killed at the end
/// whatever happened, and so that a failure can show what each of them printed.
/// </summary>
internal sealed class NodeProcesses : IDisposable
{
    private readonly List<ChildProcess> _all = [];

    public ChildProcess Start(string name, string dll, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var process = ChildProcess.Start(name, dll, args, environment);
        _all.Add(process);
        return process;
    }

    /// <summary>Name, state and the last <paramref name="lines"/> output lines of every process.</summary>
    public string Describe(int lines)
    {
        var text = new StringBuilder();
        foreach (var process in _all)
        {
            var state = process.ExitCode is { } code ? $"exited with {code}" : "running";
            text.Append("===== ").Append(process.Name).Append(" (pid ").Append(process.Id).Append(", ").Append(state)
                .Append("), last ").Append(lines).AppendLine(" lines =====")
                .AppendLine(process.Tail(lines));
        }

        return text.ToString();
    }

    public void Dispose()
    {

        foreach (var process in _all)
        {
            process.Dispose();
        }
    }
}
