using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace SignupEmail.SignupBurst.Bench;

/// <summary>
/// <c>dotnet SignupEmail.DevHost.dll</c> in a fresh folder, as the README runs it: embedded Kafka, a
/// User node and an Email node (.eml pickup) and the dashboard in one process. Its output is kept for
/// failures. Shared by SignupBurst.Bench and Dashboard.Bench (linked into both).
/// </summary>
internal sealed class DevHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _readyValues = new(StringComparer.Ordinal);

    private DevHostProcess(Process process, string folder)
    {
        _process = process;
        Folder = folder;
    }

    public string Folder { get; }

    /// <summary>
    /// DevHost's OS threads now (<c>/proc/PID/status</c>), or -1 where there is no /proc. The thread
    /// pool adds threads when its threads block: growth during a burst is a sign of blocking work on it.
    /// </summary>
    public int Threads
    {
        get
        {
            var status = $"/proc/{_process.Id}/status";
            var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("Threads:", StringComparison.Ordinal)) : null;
            return line is null ? -1 : int.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// CPU time DevHost has used so far, user + system (utime + stime of <c>/proc/PID/stat</c>, in
    /// clock ticks of 1/100 s: USER_HZ, which Linux fixes at 100 for what it shows in /proc).
    /// </summary>
    public TimeSpan CpuTime
    {
        get
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");

            // The command name (field 2) is in parentheses and may hold spaces; fields 14 and 15
            // are the 12th and 13th after its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
    }

    /// <param name="devHostDll">the DevHost build to run</param>
    /// <param name="hashIterations">the User node's PBKDF2 iterations</param>
    /// <param name="mail">false keeps the Email node idle (it reads an empty topic)</param>
    /// <param name="environment">more environment variables of DevHost (node settings)</param>
    public static DevHostProcess Start(string devHostDll, int hashIterations, bool mail, IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(devHostDll))
        {
            throw new FileNotFoundException($"{devHostDll} does not exist: build the bench (it builds DevHost too) or pass --devhost-dll.");
        }

        var folder = Directory.CreateTempSubdirectory("signupemail-burst-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { devHostDll, "--port", "0", "--email-port", "0", "--dashboard-port", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        // What a user would set: all load comes from one address, so lift the per-client limit;
        // hashing lowered so the burst measures the system, not PBKDF2 on 2 cores; logs at Warning
        // so the console is not part of the measurement.
        start.Environment["UserNode__Signup__RateLimit__PermitLimit"] = "1000000000";
        start.Environment["UserNode__Signup__PasswordHashIterations"] = hashIterations.ToString(CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__SignupEmail"] = "Warning";
        if (!mail)
        {
            // The Email node reads the (empty) dead-letter topic instead of the signups': it starts
            // and is ready as usual, and the signups' records wait on their topic. The node never
            // creates topics, so it has to be one the launcher made; the two names must differ.
            start.Environment["Email__Kafka__Topic"] = "user.signed-up.dlt";
            start.Environment["Email__Kafka__DeadLetterTopic"] = "user.signed-up";
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var host = new DevHostProcess(process, folder);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>The signup URL and mail folder from the ready banner.</summary>
    public async Task<(Uri SignupUrl, string MailFolder)> WaitReadyAsync(TimeSpan deadline)
    {
        var values = await WaitReadyAsync(deadline, "SIGNUP_URL", "MAIL_FOLDER");
        return (new Uri(values[0]), values[1]);
    }

    /// <summary>The values of these <c>KEY=value</c> lines of the ready banner, in the same order.</summary>
    public async Task<string[]> WaitReadyAsync(TimeSpan deadline, params string[] keys)
    {
        var ready = Task.WhenAll(keys.Select(key => ReadyValue(key).Task));
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(ready, exited, Task.Delay(deadline)) != ready)
        {
            throw new InvalidOperationException($"DevHost was not ready after {deadline} (exited: {_process.HasExited}):\n{Tail()}");
        }

        return await ready;
    }

    public string Tail()
    {
        lock (_gate)
        {
            return string.Join('\n', _output.TakeLast(40));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(Folder, recursive: true);
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

        // The banner's KEY=value lines (keys in capitals); log lines never start that way.
        var split = line.IndexOf('=', StringComparison.Ordinal);
        if (split > 0 && line[..split].All(c => c is (>= 'A' and <= 'Z') or '_'))
        {
            ReadyValue(line[..split]).TrySetResult(line[(split + 1)..]);
        }
    }

    private TaskCompletionSource<string> ReadyValue(string key) =>
        _readyValues.GetOrAdd(key, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
}
