namespace SignupEmail.UserNode.Publishing;

/// <summary>
/// Asked of the publisher singleton (through its proxy, possibly across nodes) by the node's
/// <c>journal-publisher</c> health check; answered with <see cref="PublisherStatus"/>.
/// </summary>
public sealed class GetPublisherStatus
{
    /// <summary>The one instance: the question carries no data.</summary>
    public static readonly GetPublisherStatus Instance = new();

    private GetPublisherStatus()
    {
    }
}

/// <summary>What the publisher is doing, as it sees it.</summary>
/// <param name="Running">False while it is still starting (waiting for the journal, reading its offset).</param>
/// <param name="CommittedOrdering">Every journal row up to this ordering is published and acknowledged (or not ours).</param>
/// <param name="InFlight">Records handed to Kafka and not acknowledged yet.</param>
/// <param name="OpenGaps">Orderings below the newest one read that are not visible yet (uncommitted or rolled-back inserts).</param>
/// <param name="WaitingForKafka">
/// How long records have been in flight without a single acknowledgement from Kafka; zero when none are.
/// </param>
/// <param name="Held">Stored signups that could not be turned into a record: held, never skipped (see <see cref="FirstHeld"/>).</param>
/// <param name="FirstHeld">The lowest held row, as ordering, persistence id and sequence number, with the reason; <c>null</c> when none is.</param>
public sealed record PublisherStatus(
    bool Running, long CommittedOrdering, int InFlight, int OpenGaps, TimeSpan WaitingForKafka, int Held = 0, string? FirstHeld = null);
