using System.Text.Json;
using System.Threading.Channels;

namespace SignupEmail.Dashboard.Tests.Hosting;

/// <summary>A client of <c>GET /api/stream</c>: reads the server-sent events in the background as they come.</summary>
internal sealed class EventStream : IAsyncDisposable
{
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private int _count;

    private EventStream(HttpResponseMessage response)
    {
        Response = response;
        _reading = ReadAsync(response);
    }

    public HttpResponseMessage Response { get; }

    public int Count => Volatile.Read(ref _count);

    /// <summary>True once the server ended the stream.</summary>
    public bool Ended => _reading.IsCompleted;

    public string? Retry { get; private set; }

    public static async Task<EventStream> OpenAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/stream", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new EventStream(response);
    }

    /// <summary>The next snapshot event; fails if none comes within <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> NextAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            return await _events.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No snapshot event within {timeout.TotalSeconds:0.#} s (got {Count} so far).");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Response.Dispose();
        try
        {
            await _reading;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException)
        {
            // We closed it.
        }

        _stop.Dispose();
    }

    private async Task ReadAsync(HttpResponseMessage response)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
        string? eventName = null;
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            if (line.StartsWith("retry: ", StringComparison.Ordinal))
            {
                Retry = line["retry: ".Length..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                Assert.Equal("snapshot", eventName);
                using var document = JsonDocument.Parse(line["data: ".Length..]);
                Interlocked.Increment(ref _count);
                await _events.Writer.WriteAsync(document.RootElement.Clone(), _stop.Token);
            }
        }

        _events.Writer.TryComplete();
    }
}
