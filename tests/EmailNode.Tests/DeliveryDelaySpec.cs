using System.Diagnostics;
using SignupEmail.EmailNode.Delivery;

namespace SignupEmail.EmailNode.Tests;

/// <summary>The run-time delivery delay: how long a delivery waits, and how a waiting one follows a change or a stop.</summary>
public sealed class DeliveryDelaySpec
{
    // Far longer than any test here may take: a wait that ends did not end by running out.
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Without_a_delay_a_delivery_starts_at_once()
    {
        var delay = new DeliveryDelay(TimeProvider.System);

        var waiting = delay.WaitAsync(CancellationToken.None);

        Assert.True(waiting.IsCompletedSuccessfully);
        Assert.True(await waiting);
        Assert.Equal(TimeSpan.Zero, delay.Current);

        // Nothing to cut short: a drain still delivers what is in flight.
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();
        Assert.True(await delay.WaitAsync(stopping.Token));
    }

    [Fact]
    public async Task A_delivery_waits_at_least_the_delay()
    {
        var delay = new DeliveryDelay(TimeProvider.System);
        delay.Set(TimeSpan.FromMilliseconds(300));

        var clock = Stopwatch.StartNew();
        Assert.True(await delay.WaitAsync(CancellationToken.None));

        // Same clock as the delay's own (TimeProvider.System's timestamps): never less, however loaded the machine.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300), $"waited only {clock.Elapsed}");
    }

    [Fact]
    public async Task Removing_the_delay_releases_a_delivery_already_waiting()
    {
        var delay = new DeliveryDelay(TimeProvider.System);
        delay.Set(Long);
        var waiting = delay.WaitAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        delay.Set(TimeSpan.Zero);

        Assert.True(await waiting.WaitAsync(Patience));
    }

    [Fact]
    public async Task Stopping_ends_the_wait_and_says_the_delivery_must_not_start()
    {
        var delay = new DeliveryDelay(TimeProvider.System);
        delay.Set(Long);
        using var stopping = new CancellationTokenSource();
        var waiting = delay.WaitAsync(stopping.Token);

        await stopping.CancelAsync();

        Assert.False(await waiting.WaitAsync(Patience));
        Assert.False(await delay.WaitAsync(stopping.Token));
    }

    [Fact]
    public async Task A_lowered_delay_still_holds_a_waiting_delivery_for_the_new_delay()
    {
        var delay = new DeliveryDelay(TimeProvider.System);
        delay.Set(Long);
        var clock = Stopwatch.StartNew();
        var waiting = delay.WaitAsync(CancellationToken.None);
        delay.Set(TimeSpan.FromMilliseconds(400));

        Assert.True(await waiting.WaitAsync(Patience));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(400), $"waited only {clock.Elapsed}");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(60_001)]
    public void A_delay_out_of_range_is_refused(int milliseconds)
    {
        var delay = new DeliveryDelay(TimeProvider.System);

        Assert.Throws<ArgumentOutOfRangeException>(() => delay.Set(TimeSpan.FromMilliseconds(milliseconds)));
        Assert.Equal(TimeSpan.Zero, delay.Current);
    }
}
