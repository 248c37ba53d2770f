namespace SignupEmail.UserNode.Publishing;

/// <summary>
/// Sent to the publisher singleton (through its proxy, possibly across nodes) when new events were
/// journaled: the publisher reads the journal at once instead of waiting for its fallback poll.
/// </summary>
public sealed class PublisherWakeUp
{
    /// <summary>The one instance: the message carries no data.</summary>
    public static readonly PublisherWakeUp Instance = new();

    private PublisherWakeUp()
    {
    }
}
