using System.Collections.Concurrent;
using SignupEmail.EmailNode.Delivery;

namespace SignupEmail.EmailNode.Tests.Consuming;

/// <summary>
/// Wraps the real delivery: counts attempts, can slow every send down, and can fail chosen events
/// (to simulate a failure that is later fixed).
/// </summary>
internal sealed class RecordingDelivery(IMailDelivery inner) : IMailDelivery
{
    private int _attempts;

    public int Attempts => Volatile.Read(ref _attempts);

    public TimeSpan Delay { get; set; }

    /// <summary>Events whose delivery throws this exception instead of being sent.</summary>
    public ConcurrentDictionary<Guid, Exception> Failing { get; } = new();

    public async Task DeliverAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
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
}
