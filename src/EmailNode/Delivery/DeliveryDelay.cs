namespace SignupEmail.EmailNode.Delivery;

/// <summary>
/// A wait before every delivery, set at run time through the admin API: an experiment that slows
/// the mail so consumer lag builds up (and drains once it is removed). Zero, the default, costs
/// nothing. A waiting delivery follows a change: lowered or removed, it goes as soon as the new delay
/// since it began waiting is over; raised, it waits longer.
/// </summary>
/// <param name="time">The clock the waits run on.</param>
public sealed class DeliveryDelay(TimeProvider time)
{
    /// <summary>Longest delay accepted: an experiment, not an outage.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(1);

    private static readonly Task<bool> NoWait = Task.FromResult(true);

    private readonly Lock _lock = new();
    private long _ticks;

    // Completed (and replaced) on every change, to wake the waiting deliveries.
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The delay in force.</summary>
    public TimeSpan Current => TimeSpan.FromTicks(Volatile.Read(ref _ticks));

    /// <summary>Sets the delay; <see cref="TimeSpan.Zero"/> removes it.</summary>
    public void Set(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delay, Max);
        TaskCompletionSource previous;
        lock (_lock)
        {
            Volatile.Write(ref _ticks, delay.Ticks);
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }

    /// <summary>
    /// Waits out the delay in force. Returns false, at once, when <paramref name="stopping"/> fires
    /// before the wait is over (the delivery should not start then), true when the delivery may
    /// start. Without a delay there is no wait to cut short: true, also while stopping (a drain
    /// delivers what is in flight).
    /// </summary>
    public Task<bool> WaitAsync(CancellationToken stopping) =>
        Volatile.Read(ref _ticks) == 0 ? NoWait : WaitCoreAsync(stopping);

    private async Task<bool> WaitCoreAsync(CancellationToken stopping)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            TimeSpan left;
            Task changed;
            lock (_lock)
            {
                left = Current - time.GetElapsedTime(started);
                changed = _changed.Task;
            }

            if (left <= TimeSpan.Zero)
            {
                return true;
            }

            if (stopping.IsCancellationRequested)
            {
                return false;
            }

            // Over, stopping (answered on the next turn) or changed (measured again from the start).
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            await Task.WhenAny(Task.Delay(left, time, wake.Token), changed);
            await wake.CancelAsync(); // woken by a change: its timer goes too
        }
    }
}
