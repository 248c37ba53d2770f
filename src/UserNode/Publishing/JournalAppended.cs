namespace SignupEmail.UserNode.Publishing;

/// <summary>
/// Published on the node's event stream by an entity right after it journaled a publishable event;
/// <see cref="PublisherWakeUpForwarder"/> turns these into coalesced <see cref="PublisherWakeUp"/>s.
/// Node-local, never serialized.
/// </summary>
public sealed class JournalAppended
{
    /// <summary>The one instance: the message carries no data.</summary>
    public static readonly JournalAppended Instance = new();

    private JournalAppended()
    {
    }
}
