using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;

namespace SignupEmail.Dashboard.Actions;

/// <summary>
/// Sends a burst of real signups through the User node's HTTP API: <c>rate</c> per second for
/// <c>seconds</c>, spread evenly over each second, at most <see cref="MaxConcurrency"/> in flight (when
/// the node is slower than that the burst falls behind rather than piling up requests). One burst at
/// a time; cancellable; counts the answers.
/// </summary>
internal sealed class BurstRunner(IHttpClientFactory clients, TimeProvider time, ILogger<BurstRunner> logger) : IDisposable
{
    public const string SignupClient = "signups";
    public const int MaxConcurrency = 32;

    private readonly Lock _gate = new();
    private BurstStatus _status = BurstStatus.None;
    private CancellationTokenSource? _cancel;
    private int _sent;
    private int _created;
    private int _rateLimited;
    private int _failed;

    public BurstStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status with
                {
                    Sent = Volatile.Read(ref _sent),
                    Outcomes = new BurstOutcomes(Volatile.Read(ref _created), Volatile.Read(ref _rateLimited), Volatile.Read(ref _failed)),
                };
            }
        }
    }

    /// <summary>Starts a burst; false when one is already running.</summary>
    public bool TryStart(int rate, int seconds, CancellationToken stopping)
    {
        lock (_gate)
        {
            if (_status.Running)
            {
                return false;
            }

            _cancel?.Dispose();
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            _sent = _created = _rateLimited = _failed = 0;
            _status = new BurstStatus(true, rate, seconds, time.GetUtcNow(), 0, new BurstOutcomes(0, 0, 0));
            var token = _cancel.Token;
            _ = Task.Run(() => RunAsync(rate, seconds, token), CancellationToken.None);
            return true;
        }
    }

    /// <summary>Stops the running burst, if any; signups already sent stay sent.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _cancel?.Cancel();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _cancel?.Cancel();
            _cancel?.Dispose();
            _cancel = null;
        }
    }

    private async Task RunAsync(int rate, int seconds, CancellationToken cancellationToken)
    {
        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var http = clients.CreateClient(SignupClient);
        using var inFlight = new SemaphoreSlim(MaxConcurrency);
        var sends = new List<Task>();
        var clock = Stopwatch.StartNew();
        var total = rate * seconds;
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Burst {Run}: {Rate} signups/s for {Seconds} s", run, rate, seconds);
        }

        try
        {
            for (var n = 0; n < total; n++)
            {
                var due = TimeSpan.FromSeconds((double)n / rate);
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken);
                }

                await inFlight.WaitAsync(cancellationToken);
                Interlocked.Increment(ref _sent);
                sends.Add(SendAsync(http, run, n, inFlight, cancellationToken));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Burst {Run} stopped after {Sent} signups", run, Volatile.Read(ref _sent));
            }
        }
        finally
        {
            await Task.WhenAll(sends);
            lock (_gate)
            {
                _status = _status with { Running = false };
            }
        }
    }

    private async Task SendAsync(HttpClient http, string run, int n, SemaphoreSlim inFlight, CancellationToken cancellationToken)
    {
        try
        {
            var body = new
            {
                email = $"burst-{run}-{n}@example.com",
                name = $"Burst {n}",
                password = "correct horse battery",
                locale = "en",
            };
            using var response = await http.PostAsJsonAsync("/api/users", body, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                Interlocked.Increment(ref _created);
            }
            else if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Interlocked.Increment(ref _rateLimited);
            }
            else
            {
                Interlocked.Increment(ref _failed);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            Interlocked.Increment(ref _failed);
        }
        finally
        {
            inFlight.Release();
        }
    }
}
