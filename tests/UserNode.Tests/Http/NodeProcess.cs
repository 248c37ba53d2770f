using System.Diagnostics;
using System.Text;

namespace SignupEmail.UserNode.Tests.Http;

/// <summary>Runs the built User node as its own process, the way an operator starts it.</summary>
public static class NodeProcess
{
    /// <summary>Starts the node with <paramref name="settings"/> as command-line configuration and waits for it to exit.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(IReadOnlyDictionary<string, string> settings, TimeSpan deadline)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SignupEmail.UserNode.dll"));
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"The node was still running after {deadline}: it did not fail at start.\n{await stdout}\n{await stderr}");
        }

        output.Append(await stdout).Append('\n').Append(await stderr);
        return (process.ExitCode, output.ToString());
    }
}
