using SignupEmail.UserNode.Publishing;

namespace SignupEmail.UserNode.Admin;

/// <summary>What <c>GET /admin/publisher</c> answers: where the journal publisher singleton runs and what it is doing.</summary>
/// <param name="Address">The node the singleton answered from.</param>
/// <param name="Running">False while it is still starting (waiting for the journal, reading its offset).</param>
/// <param name="CommittedOrdering">Every journal row up to this ordering is published and acknowledged (or not ours).</param>
/// <param name="InFlight">Records handed to Kafka and not acknowledged yet.</param>
/// <param name="OpenGaps">Orderings below the newest one read that are not visible yet.</param>
/// <param name="WaitingForKafka">How long the oldest unacknowledged record has waited; zero when none is in flight.</param>
/// <param name="Held">Stored signups that could not be turned into a record (held, never skipped).</param>
/// <param name="FirstHeld">The lowest held row and why; <c>null</c> when none is.</param>
public sealed record PublisherView(
    string Address, bool Running, long CommittedOrdering, int InFlight, int OpenGaps, TimeSpan WaitingForKafka, int Held, string? FirstHeld)
{
    /// <summary>The singleton's <paramref name="status"/> as answered from <paramref name="address"/>.</summary>
    public static PublisherView Of(string address, PublisherStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new PublisherView(
            address, status.Running, status.CommittedOrdering, status.InFlight, status.OpenGaps, status.WaitingForKafka, status.Held, status.FirstHeld);
    }
}
