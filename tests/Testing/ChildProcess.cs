using System.Diagnostics;
using System.Runtime.InteropServices;
using Xunit;

namespace SignupEmail.Testing;

/// <summary>
/// One of our programs running as a child process (<c>dotnet Some.dll args</c>), as a user or an
/// operator would run it, with its output captured line by line and POSIX signals to stop it.
/// </summary>
public sealed partial class ChildProcess : IDisposable
{
    /// <summary>SIGINT (Ctrl+C).</summary>
    public const int SigInt = 2;

    /// <summary>SIGKILL: the process gets no chance to clean up.</summary>
    public const int SigKill = 9;

    /// <summary>SIGTERM: what service managers and container runtimes send.</summary>
    public const int SigTerm = 15;

    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly Lock _gate = new();

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>A name for messages (e.g. <c>user-node-1</c>).</summary>
    public string Name { get; }

    /// <summary>The operating system's process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process has ended; <c>null</c> while it runs.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Everything written to standard output and standard error so far.</summary>
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

    /// <summary>The last <paramref name="lines"/> lines of <see cref="Output"/>, for failure messages.</summary>
    public string Tail(int lines)
    {
        lock (_gate)
        {
            return string.Join('\n', _output.Skip(Math.Max(0, _output.Count - lines)));
        }
    }

    /// <summary>
    /// Starts <c>dotnet <paramref name="dll"/> <paramref name="args"/></c> in
    /// <paramref name="workingDirectory"/> (default: the dll's folder) with extra environment variables.
    /// </summary>
    public static ChildProcess Start(
        string name,
        string dll,
        IEnumerable<string>? args = null,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dll);
        Assert.True(File.Exists(dll), $"{name}: program not built: {dll}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args ?? [])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name}: could not start dotnet");
        return new ChildProcess(name, process);
    }

    /// <summary>The first output line starting with <paramref name="prefix"/>; fails if none appears in time or the process ends.</summary>
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
                throw new InvalidOperationException(
                    $"{Name} exited with code {_process.ExitCode} before printing '{prefix}'. Output:\n{Output}");
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{Name}: no line starting with '{prefix}' within {timeout}. Output so far:\n{Output}");
    }

    /// <summary>The value of the first <c>KEY=value</c> line for <paramref name="key"/>.</summary>
    public async Task<string> WaitForValueAsync(string key, TimeSpan timeout)
    {
        var line = await WaitForLineStartingWithAsync(key + "=", timeout);
        return line[(key.Length + 1)..];
    }

    /// <summary>Sends a POSIX signal (<see cref="SigTerm"/>, <see cref="SigInt"/>, <see cref="SigKill"/>).</summary>
    public void SendSignal(int signal) => Assert.True(Kill(_process.Id, signal) == 0, $"{Name}: kill({signal}) failed");

    /// <summary>Waits for the process to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} still running {timeout} later. Output:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the process tree if it is still running.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
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
