using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SignupEmail.UserNode.Bench;

/// <summary>The built User node as its own process (so its CPU time is its own), on a free port.</summary>
internal sealed class BenchNode : IAsyncDisposable
{
    private readonly Process _process;

    private BenchNode(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<BenchNode> StartAsync(BenchDatabase database, string bootstrapServers, string logFile)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SignupEmail.UserNode.dll"));
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["UserNode:Cluster:Port"] = "0",
            ["UserNode:Persistence:Provider"] = database.Provider,
            ["UserNode:Persistence:ConnectionString"] = database.ConnectionString,
            ["UserNode:Publishing:BootstrapServers"] = bootstrapServers,
            // The pipeline, not PBKDF2: at the real cost 2 cores hash ~35/s, far below 200/s.
            ["UserNode:Signup:PasswordHashIterations"] = "1000",
            ["UserNode:Signup:RateLimit:PermitLimit"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
        })
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new BenchNode(process, new Uri($"http://127.0.0.1:{port}"));

        using var client = new HttpClient { BaseAddress = node.BaseAddress };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The node exited with {process.ExitCode}; see {logFile}");
            }

            try
            {
                using var response = await client.GetAsync("/openapi/v1.json");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return node;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException($"The node did not start; see {logFile}");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the host's graceful shutdown (CoordinatedShutdown), as an operator would stop it.
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
