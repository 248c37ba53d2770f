namespace SignupEmail.Testing;

/// <summary>
/// The one-command run as a user starts it: the launcher built next to the tests, as a child process
/// on free ports (User node, Email node and dashboard), in a temporary folder of its own for its data
/// and e-mails, stopped with SIGTERM. Its ready block's <c>KEY=value</c> lines are read with
/// <see cref="ValueAsync"/>.
/// </summary>
public sealed class OneCommandLauncher : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private readonly ChildProcess _process;
    private readonly string _folder;

    private OneCommandLauncher(ChildProcess process, string folder)
    {
        _process = process;
        _folder = folder;
    }

    /// <summary>Everything the launcher printed so far.</summary>
    public string Output => _process.Output;

    /// <summary>The launcher's last lines, for failure messages.</summary>
    public string Tail(int lines) => _process.Tail(lines);

    /// <summary>Starts the launcher in a new folder named after <paramref name="folderPrefix"/>, with extra environment variables.</summary>
    public static OneCommandLauncher Start(string folderPrefix, IReadOnlyDictionary<string, string>? environment = null)
    {
        var folder = Directory.CreateTempSubdirectory(folderPrefix).FullName;
        var process = ChildProcess.Start(
            "launcher",
            Path.Combine(AppContext.BaseDirectory, "SignupEmail.DevHost.dll"),
            ["--port", "0", "--email-port", "0", "--dashboard-port", "0"],
            environment,
            folder);
        return new OneCommandLauncher(process, folder);
    }

    /// <summary>The value of the ready block's <paramref name="key"/>; fails if it is not printed within <paramref name="timeout"/>.</summary>
    public Task<string> ValueAsync(string key, TimeSpan timeout) => _process.WaitForValueAsync(key, timeout);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.SendSignal(ChildProcess.SigTerm);
                await _process.WaitForExitAsync(StopTimeout);
            }
        }
        finally
        {
            _process.Dispose();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
