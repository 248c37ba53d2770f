using SignupEmail.UserNode.Publishing;

namespace SignupEmail.UserNode.Tests.Publishing;

public sealed class OrderingTrackerSpec
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(100);

    [Fact]
    public void Contiguous_rows_advance_the_offset_only_once_acknowledged()
    {
        var tracker = new OrderingTracker(committed: 10, Timeout);

        Assert.True(tracker.Observe(11, T0));
        Assert.True(tracker.Observe(12, T0));
        Assert.Equal(12, tracker.ReadCursor);
        Assert.Equal(10, tracker.Committed);
        Assert.Equal(2, tracker.InFlight);

        tracker.Finish(12);
        Assert.Equal(10, tracker.Committed); // 11 still awaits Kafka
        tracker.Finish(11);
        Assert.Equal(12, tracker.Committed);
        Assert.Equal(0, tracker.InFlight);
    }

    [Fact]
    public void A_held_row_keeps_the_offset_below_it_and_stops_counting_as_in_flight()
    {
        var tracker = new OrderingTracker(0, Timeout);
        Assert.True(tracker.Observe(1, T0));
        Assert.True(tracker.Observe(2, T0));
        Assert.True(tracker.Observe(3, T0));

        tracker.Finish(1);
        tracker.Hold(2);
        tracker.Finish(3);
        tracker.Finish(2); // a stray acknowledgement does not release it

        Assert.Equal(1, tracker.Committed);
        Assert.Equal(0, tracker.InFlight);
        Assert.Equal([2L], tracker.Held);
        Assert.False(tracker.Observe(2, T0)); // read again before a restart: not handled twice
        Assert.Empty(tracker.ExpireGaps(T0 + (Timeout * 10)));
        Assert.Equal(1, tracker.Committed);
    }

    [Fact]
    public void A_row_read_twice_is_handled_once()
    {
        var tracker = new OrderingTracker(0, Timeout);
        Assert.True(tracker.Observe(1, T0));
        Assert.False(tracker.Observe(1, T0));
        tracker.Finish(1);
        Assert.False(tracker.Observe(1, T0)); // below the offset now
    }

    [Fact]
    public void Rows_above_a_gap_are_published_at_once_but_the_offset_waits_for_the_gap()
    {
        var tracker = new OrderingTracker(0, Timeout);
        Assert.True(tracker.Observe(1, T0));
        Assert.True(tracker.Observe(3, T0)); // 2 is not visible yet
        Assert.True(tracker.Observe(4, T0));
        tracker.Finish(1);
        tracker.Finish(3);
        tracker.Finish(4);

        Assert.Equal(1, tracker.Committed);
        Assert.Equal([2L], tracker.Missing);
        Assert.Equal(1, tracker.OpenGaps);

        // The gap fills: it is published, and the offset runs through it.
        Assert.True(tracker.Observe(2, T0 + TimeSpan.FromMilliseconds(5)));
        Assert.Equal(1, tracker.Committed);
        tracker.Finish(2);
        Assert.Equal(4, tracker.Committed);
        Assert.Empty(tracker.Missing);
        Assert.False(tracker.Observe(3, T0)); // not sent twice
    }

    [Fact]
    public void A_gap_open_longer_than_the_timeout_is_given_up_and_the_offset_moves_on()
    {
        var tracker = new OrderingTracker(0, Timeout);
        tracker.Observe(1, T0);
        tracker.Observe(4, T0);
        tracker.Finish(1);
        tracker.Finish(4);

        Assert.Empty(tracker.ExpireGaps(T0 + Timeout - TimeSpan.FromMilliseconds(1)));
        Assert.Equal(1, tracker.Committed);

        Assert.Equal([2L, 3L], tracker.ExpireGaps(T0 + Timeout).Order());
        Assert.Equal(4, tracker.Committed);
        Assert.Equal(0, tracker.OpenGaps);
    }

    [Fact]
    public void A_given_up_gap_that_commits_late_is_still_published_once()
    {
        var tracker = new OrderingTracker(0, Timeout);
        tracker.Observe(2, T0);
        tracker.Finish(2);
        tracker.ExpireGaps(T0 + Timeout);
        Assert.Equal(2, tracker.Committed);
        Assert.Contains(1L, tracker.Missing); // still watched

        Assert.True(tracker.Observe(1, T0 + Timeout + TimeSpan.FromSeconds(1)));
        tracker.Finish(1);
        Assert.False(tracker.Observe(1, T0 + Timeout + TimeSpan.FromSeconds(2)));
        Assert.Equal(2, tracker.Committed);
        Assert.Empty(tracker.Missing);
    }

    [Fact]
    public void A_given_up_gap_is_watched_only_for_a_while()
    {
        var tracker = new OrderingTracker(0, Timeout);
        tracker.Observe(2, T0);
        tracker.Finish(2);
        tracker.ExpireGaps(T0 + Timeout);
        tracker.ExpireGaps(T0 + Timeout + (Timeout * OrderingTracker.LateWatch));

        Assert.Empty(tracker.Missing);
        Assert.False(tracker.Observe(1, T0 + (Timeout * 10)));
    }

    [Fact]
    public void Only_the_gaps_below_the_offset_hold_it_back_independently()
    {
        var tracker = new OrderingTracker(0, Timeout);
        tracker.Observe(2, T0);                            // gap 1 opens at T0
        tracker.Observe(4, T0 + TimeSpan.FromSeconds(5));  // gap 3 opens at T0 + 5 s
        tracker.Finish(2);
        tracker.Finish(4);

        Assert.Equal([1L], tracker.ExpireGaps(T0 + Timeout));
        Assert.Equal(2, tracker.Committed);
        Assert.Equal([3L], tracker.ExpireGaps(T0 + Timeout + TimeSpan.FromSeconds(5)));
        Assert.Equal(4, tracker.Committed);
    }

    [Fact]
    public void An_unfinished_row_holds_the_offset_even_when_a_gap_below_it_expires()
    {
        var tracker = new OrderingTracker(0, Timeout);
        tracker.Observe(2, T0);
        tracker.ExpireGaps(T0 + Timeout);
        Assert.Equal(1, tracker.Committed); // the gap is gone, 2 still awaits Kafka
        tracker.Finish(2);
        Assert.Equal(2, tracker.Committed);
    }

    [Fact]
    public void A_jump_too_large_to_be_uncommitted_rows_is_not_waited_for()
    {
        var tracker = new OrderingTracker(0, Timeout);
        var far = OrderingTracker.MaxTrackedGap + 10L;
        tracker.Observe(far, T0);
        Assert.Equal(0, tracker.OpenGaps);
        tracker.Finish(far);
        Assert.Equal(far, tracker.Committed);
    }
}
