using System.Diagnostics;
using System.Net.Http.Headers;

namespace SignupEmail.Signup.Bench.Load;

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers share one keep-alive connection pool, each sends a
/// signup, waits for the answer, sends the next. A warm-up phase is not measured; the measured
/// phase counts every response that completes inside it, by status, with its latency.
/// </summary>
internal static class LoadGenerator
{
    private const int MaxErrorSamples = 5;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private static readonly MediaTypeHeaderValue Json = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    /// <summary>
    /// Runs warm-up then the measured phase against <paramref name="baseAddress"/>; calls
    /// <paramref name="onMeasuredPhase"/> as the measured phase starts and ends (true, false), for CPU samples.
    /// </summary>
    public static async Task<LoadResult> RunAsync(
        Uri baseAddress,
        SignupPayloads payloads,
        int concurrency,
        TimeSpan warmUp,
        TimeSpan duration,
        Action<bool> onMeasuredPhase)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = RequestTimeout };

        var clock = new Phases();
        var workers = Enumerable.Range(0, concurrency).Select(i => new Worker(i)).ToArray();
        var running = workers.Select(w => Task.Run(() => w.RunAsync(client, payloads, clock))).ToArray();

        await Task.Delay(warmUp);
        clock.MeasureFrom = Stopwatch.GetTimestamp();
        onMeasuredPhase(true);
        await Task.Delay(duration);
        clock.MeasureUntil = Stopwatch.GetTimestamp();
        onMeasuredPhase(false);
        clock.Stop = true;
        await Task.WhenAll(running);

        var window = Stopwatch.GetElapsedTime(clock.MeasureFrom, clock.MeasureUntil);
        var latencies = workers.SelectMany(w => w.Latencies).ToArray();
        Array.Sort(latencies);
        return new LoadResult(
            concurrency,
            window,
            Sum(workers.Select(w => w.Measured)),
            Sum(workers.Select(w => w.All)),
            latencies,
            [.. workers.SelectMany(w => w.ErrorSamples).Take(MaxErrorSamples)]);
    }

    private static Dictionary<int, long> Sum(IEnumerable<Dictionary<int, long>> counts)
    {
        var total = new Dictionary<int, long>();
        foreach (var (status, count) in counts.SelectMany(c => c))
        {
            total[status] = total.GetValueOrDefault(status) + count;
        }

        return total;
    }

    private sealed class Phases
    {
        // Written once by the controller, read by the workers: long.MaxValue until set.
        private long _measureFrom = long.MaxValue;
        private long _measureUntil = long.MaxValue;
        private volatile bool _stop;

        public long MeasureFrom
        {
            get => Volatile.Read(ref _measureFrom);
            set => Volatile.Write(ref _measureFrom, value);
        }

        public long MeasureUntil
        {
            get => Volatile.Read(ref _measureUntil);
            set => Volatile.Write(ref _measureUntil, value);
        }

        public bool Stop
        {
            get => _stop;
            set => _stop = value;
        }
    }

    private sealed class Worker(int id)
    {
        public List<double> Latencies { get; } = new(16_384);

        public Dictionary<int, long> Measured { get; } = [];

        public Dictionary<int, long> All { get; } = [];

        public List<string> ErrorSamples { get; } = [];

        public async Task RunAsync(HttpClient client, SignupPayloads payloads, Phases phases)
        {
            for (long sequence = 0; !phases.Stop; sequence++)
            {
                var (body, acceptLanguage) = payloads.Next(id, sequence);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = Json;
                if (acceptLanguage is not null)
                {
                    request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
                }

                var started = Stopwatch.GetTimestamp();
                int status;
                string? error = null;
                try
                {
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    status = (int)response.StatusCode;
                    if (status != LoadResult.Created && ErrorSamples.Count < MaxErrorSamples)
                    {
                        error = $"{status}: {await response.Content.ReadAsStringAsync()}";
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Counted and reported as status 0, never dropped.
                    status = 0;
                    error = $"0: {e.GetType().Name}: {e.Message}";
                }

                var finished = Stopwatch.GetTimestamp();
                All[status] = All.GetValueOrDefault(status) + 1;
                if (finished >= phases.MeasureFrom && finished < phases.MeasureUntil)
                {
                    Measured[status] = Measured.GetValueOrDefault(status) + 1;
                    Latencies.Add(Stopwatch.GetElapsedTime(started, finished).TotalMilliseconds);
                }

                if (error is not null && ErrorSamples.Count < MaxErrorSamples)
                {
                    ErrorSamples.Add(error.Length > 300 ? error[..300] : error);
                }
            }
        }
    }
}
