using System.Net.Http.Headers;

namespace SignupEmail.Dashboard.Bench;

/// <summary>
/// What one open browser tab costs the dashboard: its <c>/api/stream</c> of snapshots, every event
/// read to the end. The page's script (<c>wwwroot/js/stream.js</c>) opens one EventSource and asks for
/// nothing else while the stream is live (it GETs <c>/api/snapshot</c> only after an error, to tell a
/// lost login), so neither does this. It logs in with <c>X-Admin-Key</c> where the browser sends its cookie.
/// </summary>
internal sealed class OpenPage
{
    private readonly CancellationTokenSource _close = new();
    private readonly TaskCompletionSource _firstEvent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reading;
    private long _events;
    private long _bytes;

    private OpenPage(HttpClient client, Uri streamUrl, string adminKey)
    {
        _reading = ReadAsync(client, streamUrl, adminKey);
    }

    /// <summary>Completes with the first snapshot event (sent at once on connect), or fails with the stream.</summary>
    public Task FirstEvent => _firstEvent.Task;

    public long Events => Interlocked.Read(ref _events);

    /// <summary>Characters of the stream read so far (the JSON is ASCII but for names: about its bytes).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public static OpenPage Open(HttpClient client, Uri streamUrl, string adminKey) => new(client, streamUrl, adminKey);

    /// <summary>Closes the tab: null if the stream was healthy until now, else what went wrong.</summary>
    public async Task<string?> CloseAsync()
    {
        await _close.CancelAsync();
        try
        {
            await _reading;
            return null;
        }
        catch (OperationCanceledException) when (_close.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException)
        {
            return ex.Message;
        }
        finally
        {
            _close.Dispose();
        }
    }

    private async Task ReadAsync(HttpClient client, Uri streamUrl, string adminKey)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, streamUrl);
            request.Headers.Add("X-Admin-Key", adminKey);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _close.Token);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_close.Token));
            var hasData = false;
            while (await reader.ReadLineAsync(_close.Token) is { } line)
            {
                Interlocked.Add(ref _bytes, line.Length + 1);
                if (line.Length > 0)
                {
                    hasData |= line.StartsWith("data:", StringComparison.Ordinal);
                }
                else if (hasData)
                {
                    // A blank line ends an event; "retry:" alone is not one.
                    hasData = false;
                    Interlocked.Increment(ref _events);
                    _firstEvent.TrySetResult();
                }
            }

            throw new InvalidOperationException("the dashboard ended the stream while the page was open");
        }
        catch (Exception ex) when (!_close.IsCancellationRequested)
        {
            _firstEvent.TrySetException(ex);
            throw;
        }
    }
}
