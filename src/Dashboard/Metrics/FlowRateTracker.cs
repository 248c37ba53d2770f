using SignupEmail.Dashboard.Snapshot;

namespace SignupEmail.Dashboard.Metrics;

/// <summary>
/// Turns successive counter readings into per-second rates. The first reading has no rates yet (0);
/// a counter that went down (a node restarted) counts as 0 for that interval rather than negative.
/// </summary>
internal sealed class FlowRateTracker
{
    private FlowCounters? _previous;
    private DateTimeOffset _previousAt;

    public FlowSection Next(FlowCounters counters, DateTimeOffset at)
    {
        var previous = _previous;
        var seconds = previous is null ? 0 : (at - _previousAt).TotalSeconds;
        _previous = counters;
        _previousAt = at;

        double Rate(Func<FlowCounters, double> counter) =>
            previous is null || seconds <= 0 ? 0 : Math.Round(Math.Max(0, counter(counters) - counter(previous)) / seconds, 2);

        return new FlowSection(
            new SignupRates(Rate(c => c.Created), Rate(c => c.Conflict), Rate(c => c.Invalid), Rate(c => c.RateLimited), Rate(c => c.Unavailable)),
            Rate(c => c.Published),
            Rate(c => c.EmailsSent),
            Rate(c => c.DeadLetters),
            (long)counters.Created,
            (long)counters.EmailsSent,
            (long)counters.DeadLetters);
    }
}
