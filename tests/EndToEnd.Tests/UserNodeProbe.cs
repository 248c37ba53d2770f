using System.Diagnostics;
using System.Net;
using SignupEmail.Testing;

namespace SignupEmail.EndToEnd.Tests;

/// <summary>Waits until a User node serves the user API through the cluster.</summary>
internal static class UserNodeProbe
{
    /// <summary>
    /// Polls <c>GET /api/users/{id}</c> for an id nobody has until it answers 404. That answer comes
    /// from a user entity, so the node is an Up member whose shard region reached the coordinator (the
    /// oldest node's singleton): before it joined the cluster the same request times out with 503.
    /// </summary>
    public static async Task WaitUntilServingAsync(ChildProcess node, Uri url, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        var last = "no answer yet";
        while (clock.Elapsed < timeout)
        {
            Assert.False(node.HasExited, $"{node.Name} exited with {node.ExitCode} while starting:\n{node.Tail(80)}");
            try
            {
                using var response = await client.GetAsync($"/api/users/{UnknownUserId()}");
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return;
                }

                last = $"{(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.GetType().Name; // not listening yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{node.Name} did not serve GET /api/users within {timeout} (last: {last}):\n{node.Tail(80)}");
    }

    // A version-8 UUID like the ids the node issues (anything else is rejected without asking an entity).
    private static Guid UnknownUserId()
    {
        var bytes = Guid.NewGuid().ToByteArray(bigEndian: true);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
