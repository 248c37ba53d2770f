using System.Diagnostics;

namespace SignupEmail.SignupBurst.Bench;

/// <summary>
/// <c>dotnet SignupEmail.DevHost.dll</c> in a fresh folder, as the README runs it: embedded Kafka, a
/// User node and an Email node (.eml pickup) in one process. Its output is kept for failures.
/// </summary>
internal sealed class DevHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<Uri> _signupUrl = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _mailFolder = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
            return line is null ? -1 : int.Parse(line["Threads:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public static DevHostProcess Start(BurstOptions options)
    {
        if (!File.Exists(options.DevHostDll))
        {
            throw new FileNotFoundException($"{options.DevHostDll} does not exist: build the bench (it builds DevHost too) or pass --devhost-dll.");
        }

        var folder = Directory.CreateTempSubdirectory("signupemail-burst-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { options.DevHostDll, "--port", "0", "--email-port", "0", "--dashboard-port", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        // What a user would set: all load comes from one address, so lift the per-client limit;
        // hashing lowered so the burst measures the system, not PBKDF2 on 2 cores; logs at Warning
        // so the console is not part of the measurement.
        start.Environment["UserNode__Signup__RateLimit__PermitLimit"] = "1000000000";
        start.Environment["UserNode__Signup__PasswordHashIterations"] = options.HashIterations.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__SignupEmail"] = "Warning";
        if (!options.Mail)
        {
            // The Email node reads the (empty) dead-letter topic instead of the signups': it starts
            // and is ready as usual, and the signups' records wait on their topic. The node never
            // creates topics, so it has to be one the launcher made; the two names must differ.
            start.Environment["Email__Kafka__Topic"] = "user.signed-up.dlt";
            start.Environment["Email__Kafka__DeadLetterTopic"] = "user.signed-up";
        }

        foreach (var (name, value) in options.Environment)
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
        var ready = Task.WhenAll(_signupUrl.Task, _mailFolder.Task);
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(ready, exited, Task.Delay(deadline)) != ready)
        {
            throw new InvalidOperationException($"DevHost was not ready after {deadline} (exited: {_process.HasExited}):\n{Tail()}");
        }

        return (await _signupUrl.Task, await _mailFolder.Task);
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

        if (line.StartsWith("SIGNUP_URL=", StringComparison.Ordinal))
        {
            _signupUrl.TrySetResult(new Uri(line["SIGNUP_URL=".Length..]));
        }
        else if (line.StartsWith("MAIL_FOLDER=", StringComparison.Ordinal))
        {
            _mailFolder.TrySetResult(line["MAIL_FOLDER=".Length..]);
        }
    }
}
