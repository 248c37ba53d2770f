using System.Collections.Concurrent;
using SignupEmail.EmailNode.Delivery;

namespace SignupEmail.EmailNode.Tests.Consuming;

/// <summary>
/// Wraps the real delivery: counts attempts, can slow every send down, can fail chosen events
/// (to simulate a failure that is later fixed), and records when each attempt starts and ends.
/// </summary>
internal sealed class RecordingDelivery(IMailDelivery inner) : IMailDelivery
{
    private int _attempts;
    private int _inFlight;
    private int _maxInFlight;

    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>The most attempts that were under way at the same moment.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Every attempt's start and end (<c>Started</c> false), in the order they happened.</summary>
    public ConcurrentQueue<(Guid EventId, bool Started)> Timeline { get; } = new();

    public TimeSpan Delay { get; set; }

    /// <summary>The name of the thread each attempt started on.</summary>
    public ConcurrentQueue<string> Threads { get; } = new();

    /// <summary>Events whose delivery throws this exception instead of being sent.</summary>
    public ConcurrentDictionary<Guid, Exception> Failing { get; } = new();

    public async Task DeliverAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        Threads.Enqueue(Thread.CurrentThread.Name ?? "");
        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var max = MaxInFlight; inFlight > max; max = MaxInFlight)
        {
            Interlocked.CompareExchange(ref _maxInFlight, inFlight, max);
        }

        Timeline.Enqueue((mail.EventId, true));
        try
        {
            if (Failing.TryGetValue(mail.EventId, out var failure))
            {
                throw failure;
            }

            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, cancellationToken);
            }

            await inner.DeliverAsync(mail, cancellationToken);
        }
        finally
        {
            Timeline.Enqueue((mail.EventId, false));
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
