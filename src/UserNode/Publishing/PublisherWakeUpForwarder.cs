using Akka.Actor;

namespace SignupEmail.UserNode.Publishing;

/// <summary>
/// One per node: listens for <see cref="JournalAppended"/> on the event stream and wakes the
/// publisher singleton through its proxy. The first write of a burst wakes it at once; the rest
/// within <see cref="CoalesceWindow"/> share one trailing wake-up, so a burst of signups costs a few
/// cluster messages, not one each.
/// </summary>
public sealed class PublisherWakeUpForwarder : ReceiveActor, IWithTimers
{
    /// <summary>Writes within this window after a wake-up share the next one.</summary>
    public static readonly TimeSpan CoalesceWindow = TimeSpan.FromMilliseconds(5);

    private readonly IActorRef _publisher;
    private bool _windowOpen;
    private bool _pending;

    /// <summary>Forwards to <paramref name="publisher"/> (the singleton proxy).</summary>
    public PublisherWakeUpForwarder(IActorRef publisher)
    {
        _publisher = publisher;
        Receive<JournalAppended>(_ =>
        {
            if (_windowOpen)
            {
                _pending = true;
                return;
            }

            WakeUp();
        });
        Receive<WindowClosed>(_ =>
        {
            _windowOpen = false;
            if (_pending)
            {
                WakeUp();
            }
        });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for the node's forwarder.</summary>
    public static Props PropsFor(IActorRef publisher) => Props.Create(() => new PublisherWakeUpForwarder(publisher));

    /// <inheritdoc />
    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(JournalAppended));

    /// <inheritdoc />
    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void WakeUp()
    {
        _pending = false;
        _windowOpen = true;
        _publisher.Tell(PublisherWakeUp.Instance);
        Timers.StartSingleTimer(nameof(WindowClosed), WindowClosed.Instance, CoalesceWindow);
    }

    private sealed class WindowClosed
    {
        public static readonly WindowClosed Instance = new();
    }
}
