using SignupEmail.Dashboard.Metrics;

namespace SignupEmail.Dashboard.Tests.Metrics;

/// <summary>Rates from successive counter readings.</summary>
public sealed class FlowRateTrackerSpec
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_first_reading_has_no_rate_then_rates_are_the_increase_per_second()
    {
        var tracker = new FlowRateTracker();

        var first = tracker.Next(new FlowCounters(100, 0, 0, 0, 0, 100, 90, 1), Start);
        var second = tracker.Next(new FlowCounters(104, 0, 2, 0, 0, 103, 92, 1), Start.AddSeconds(2));

        Assert.Equal(0, first.SignupsPerSecond.Created);
        Assert.Equal(100, first.SignupsTotal);
        Assert.Equal(2, second.SignupsPerSecond.Created);
        Assert.Equal(1, second.SignupsPerSecond.Invalid);
        Assert.Equal(1.5, second.PublishedPerSecond);
        Assert.Equal(1, second.EmailsPerSecond);
        Assert.Equal(0, second.DeadLettersPerSecond);
        Assert.Equal(92, second.EmailsTotal);
    }

    [Fact]
    public void A_counter_that_went_down_after_a_node_restart_counts_as_zero_not_negative()
    {
        var tracker = new FlowRateTracker();
        tracker.Next(new FlowCounters(100, 0, 0, 0, 0, 100, 100, 0), Start);

        var afterRestart = tracker.Next(new FlowCounters(3, 0, 0, 0, 0, 3, 3, 0), Start.AddSeconds(1));

        Assert.Equal(0, afterRestart.SignupsPerSecond.Created);
        Assert.Equal(0, afterRestart.EmailsPerSecond);
        Assert.Equal(3, afterRestart.SignupsTotal);
    }
}
