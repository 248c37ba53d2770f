using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SignupEmail.DevHost.Tests;

/// <summary>The launcher running as a child process, with its output captured line by line.</summary>
internal sealed partial class LauncherProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly Lock _gate = new();

    private LauncherProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static LauncherProcess Start(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "SignupEmail.DevHost.dll");
        Assert.True(File.Exists(dll), $"launcher not built next to the tests: {dll}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new LauncherProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet"));
    }

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public async Task<string> WaitForLineStartingWithAsync(string prefix, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            lock (_gate)
            {
                if (_output.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line)
                {
                    return line;
                }
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No line starting with '{prefix}' within {timeout}. Output so far:\n{Output}");
    }

    public void SendSignal(int signal) => Assert.Equal(0, Kill(_process.Id, signal));

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.Add(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
