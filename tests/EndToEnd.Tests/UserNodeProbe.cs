using System.Diagnostics;
using System.Net;
using SignupEmail.Testing;

namespace SignupEmail.EndToEnd.Tests;

/// <summary>Waits until a User node serves the user API through the cluster.</summary>
internal static class UserNodeProbe
{
    /// <summary>
    /// Polls <c>/health/ready</c> until it answers 200: the node is an Up member of the cluster, so its
    /// shard region can host users (a signup arriving before the region found the coordinator waits for
    /// it, within the ask timeout). There is no read of a user by id to probe an entity with any more.
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
                using var response = await client.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
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

        throw new TimeoutException($"{node.Name} was not ready within {timeout} (last: {last}):\n{node.Tail(80)}");
    }
}
