using System.Diagnostics;

namespace SignupEmail.Testing;

/// <summary>Polls a condition until it holds or a deadline passes: the alternative to sleeping for luck.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits until <paramref name="condition"/> is true; fails with <paramref name="because"/> at the deadline.</summary>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string because)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Not true after {timeout.TotalSeconds:0.#} s: {because}");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> is true; fails with <paramref name="because"/> at the deadline.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string because) =>
        TrueAsync(condition, timeout, () => because);

    /// <summary>
    /// Waits until <paramref name="condition"/> is true; at the deadline fails with what
    /// <paramref name="because"/> says then (e.g. the last value seen).
    /// </summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> because)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Not true after {timeout.TotalSeconds:0.#} s: {because()}");
            }

            await Task.Delay(PollInterval);
        }
    }
}
