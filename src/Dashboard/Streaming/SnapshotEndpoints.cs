using System.Text;
using SignupEmail.Dashboard.Snapshot;

namespace SignupEmail.Dashboard.Streaming;

/// <summary><c>GET /api/snapshot</c> (the latest snapshot) and <c>GET /api/stream</c> (one server-sent event per refresh).</summary>
internal static class SnapshotEndpoints
{
    public const string RetryMilliseconds = "2000";

    private static readonly byte[] EventPrefix = Encoding.UTF8.GetBytes("event: snapshot\ndata: ");
    private static readonly byte[] EventEnd = Encoding.UTF8.GetBytes("\n\n");

    public static RouteGroupBuilder MapSnapshots(this RouteGroupBuilder api)
    {
        api.MapGet("/snapshot", async (SnapshotRefresher refresher, CancellationToken cancellationToken) =>
            Results.Bytes((await refresher.CurrentAsync(cancellationToken)).Full, "application/json"));
        api.MapGet("/stream", StreamAsync);
        return api;
    }

    /// <summary>
    /// The first event goes out at once with the full lag history; then one per refresh with the new
    /// points only. Ends when the browser goes away or the dashboard stops (so shutdown never waits on it).
    /// </summary>
    private static async Task StreamAsync(HttpContext context, SnapshotRefresher refresher, IHostApplicationLifetime lifetime)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        using var subscription = refresher.Subscribe();
        try
        {
            await response.WriteAsync($"retry: {RetryMilliseconds}\n\n", ended.Token);
            var first = await refresher.CurrentAsync(ended.Token);
            await WriteEventAsync(response, first.Full, ended.Token);
            await foreach (var next in subscription.Events.ReadAllAsync(ended.Token))
            {
                // The refresh that made the first event may also arrive here: its points were in it already.
                if (next.Snapshot.At > first.Snapshot.At)
                {
                    await WriteEventAsync(response, next.Delta, ended.Token);
                }
            }
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            // The browser left or the dashboard is stopping: the stream simply ends.
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, byte[] json, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(EventPrefix, cancellationToken);
        await response.Body.WriteAsync(json, cancellationToken);
        await response.Body.WriteAsync(EventEnd, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
