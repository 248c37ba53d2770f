using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace SignupEmail.SignupBurst.Bench;

/// <summary>
/// Open-loop load: signups sent on a fixed schedule (rate per second) whatever the answers do, the
/// way users arrive; a slow answer does not slow the next request down, so a stall shows up in the
/// latencies instead of hiding in a lower request rate. Latency = request sent → answer read.
/// </summary>
internal sealed class OpenLoopLoad(HttpClient client, Uri signupUrl, string runTag)
{
    private long _sequence;

    public async Task<PhaseResult> RunAsync(string phase, int rate, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var failures = new ConcurrentDictionary<int, int>();
        var requests = new List<Task>();
        var count = (int)(rate * duration.TotalSeconds);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            requests.Add(SendAsync(Interlocked.Increment(ref _sequence), latencies, failures));
        }

        await Task.WhenAll(requests);
        return PhaseResult.Of(phase, rate, [.. latencies], failures.ToDictionary());
    }

    private async Task SendAsync(long sequence, ConcurrentBag<double> latencies, ConcurrentDictionary<int, int> failures)
    {
        var body = string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"email":"burst.{{runTag}}.{{sequence}}@example.com","name":"김민지 {{sequence}}","password":"correct horse battery {{sequence}}","locale":"{{(sequence % 2 == 0 ? "ko" : "en")}}"}""");
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var started = Stopwatch.GetTimestamp();
        int status;
        try
        {
            using var response = await client.PostAsync(signupUrl, content);
            await response.Content.ReadAsByteArrayAsync();
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            status = 0;
        }
        catch (TaskCanceledException)
        {
            status = 0;
        }

        if (status == (int)HttpStatusCode.Created)
        {
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        else
        {
            // Counted and reported, never dropped silently.
            failures.AddOrUpdate(status, 1, (_, n) => n + 1);
        }
    }
}
