using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace SignupEmail.EndToEnd.Tests;

/// <summary>
/// A signup client over several User nodes: addresses are spread over the nodes in turn, a few at
/// once, at a steady pace. An attempt that gets no answer (its node died), 503 or 429 is sent again,
/// with the same body, to the next node, until one answers 201 or 409 (409 on a retry means an
/// earlier attempt was stored before its answer was lost). Any other answer ends the signup as failed.
/// </summary>
internal sealed class SignupLoad : IDisposable
{
    private const string Password = "correct horse battery";
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(2);

    private readonly HttpClient[] _nodes;
    private readonly int[] _createdBy;
    private int _finished;

    public SignupLoad(IReadOnlyList<Uri> nodes)
    {
        _nodes = [.. nodes.Select(uri => new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = uri,
            Timeout = RequestTimeout,
        })];
        _createdBy = new int[nodes.Count];
    }

    /// <summary>Signups that have ended (201, 409 or failed).</summary>
    public int Finished => Volatile.Read(ref _finished);

    /// <summary>201 answers given by node <paramref name="node"/> so far.</summary>
    public int CreatedBy(int node) => Volatile.Read(ref _createdBy[node]);

    /// <summary>The JSON body of one signup; the locale alternates so both templates are used.</summary>
    public static string Body(string email, int index) => new JsonObject
    {
        ["email"] = email,
        ["password"] = Password,
        ["name"] = $"End-to-end user {index}",
        ["locale"] = index % 2 == 0 ? "en" : "ko",
    }.ToJsonString();

    /// <summary>
    /// Signs up every address, <paramref name="concurrency"/> at a time, starting at most
    /// <paramref name="perSecond"/> per second; each signup gives up after <paramref name="deadline"/>.
    /// </summary>
    public async Task<IReadOnlyList<SignupOutcome>> RunAsync(IReadOnlyList<string> emails, int concurrency, int perSecond, TimeSpan deadline)
    {
        var outcomes = new SignupOutcome[emails.Count];
        var next = -1;
        var pace = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var index && index < emails.Count)
            {
                // A steady pace keeps the run long enough to kill nodes in the middle of it.
                var due = TimeSpan.FromSeconds((double)index / perSecond) - pace.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }

                outcomes[index] = await SignUpAsync(emails[index], index, deadline);
                Interlocked.Increment(ref _finished);
            }
        }));
        return outcomes;
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }
    }

    private async Task<SignupOutcome> SignUpAsync(string email, int index, TimeSpan deadline)
    {
        var body = Body(email, index);
        var firstNode = index % _nodes.Length;
        var clock = Stopwatch.StartNew();
        HttpStatusCode? first = null;
        HttpStatusCode? last = null;
        var problems = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            var node = (firstNode + attempt - 1) % _nodes.Length;
            var wait = RetryDelay;
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await _nodes[node].PostAsync("/api/users", content);
                last = response.StatusCode;
                if (attempt == 1)
                {
                    first = last;
                }

                switch (response.StatusCode)
                {
                    case HttpStatusCode.Created:
                        Interlocked.Increment(ref _createdBy[node]);
                        return new SignupOutcome(email, firstNode, first, last, attempt, null);
                    case HttpStatusCode.Conflict:
                        return new SignupOutcome(email, firstNode, first, last, attempt, null);
                    case HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests:
                        if (response.Headers.RetryAfter?.Delta is { } retryAfter)
                        {
                            wait = retryAfter < MaxRetryAfter ? retryAfter : MaxRetryAfter;
                        }

                        problems.Add($"node {node}: {(int)response.StatusCode}");
                        break;
                    default:
                        var text = await response.Content.ReadAsStringAsync();
                        return new SignupOutcome(email, firstNode, first, last, attempt, $"node {node} answered {(int)response.StatusCode}: {text}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // No answer: the node is down or died during the request. Whether it stored the user
                // is unknown; the retry on the next node finds out (201 or 409).
                problems.Add($"node {node}: {ex.GetType().Name}");
                if (attempt == 1)
                {
                    first = null;
                }
            }

            if (clock.Elapsed > deadline)
            {
                return new SignupOutcome(email, firstNode, first, last, attempt, $"no 201/409 within {deadline}: {string.Join(", ", problems.TakeLast(10))}");
            }

            await Task.Delay(wait);
        }
    }
}
