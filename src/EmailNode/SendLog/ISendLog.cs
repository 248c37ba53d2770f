namespace SignupEmail.EmailNode.SendLog;

/// <summary>
/// The durable memory of which events already got their e-mail: what makes redelivered Kafka
/// records harmless. Every write is idempotent per event id.
/// </summary>
public interface ISendLog
{
    /// <summary>Creates the table if it does not exist; safe to call on every start and from several nodes.</summary>
    Task EnsureSchemaAsync(CancellationToken cancellationToken);

    /// <summary>True when the event's e-mail was already delivered (dead-lettered events are not "sent").</summary>
    Task<bool> IsAlreadySentAsync(Guid eventId, CancellationToken cancellationToken);

    /// <summary>Records a delivery. A second call for the same event changes nothing; an earlier dead-letter entry becomes sent.</summary>
    Task RecordSentAsync(HandledRecord record, CancellationToken cancellationToken);

    /// <summary>Records a dead-lettering. Never overwrites a sent entry; refreshes an earlier dead-letter entry.</summary>
    Task RecordDeadLetteredAsync(HandledRecord record, string error, CancellationToken cancellationToken);

    /// <summary>The entry of one event, if any.</summary>
    Task<SendLogEntry?> FindAsync(Guid eventId, CancellationToken cancellationToken);

    /// <summary>
    /// The entries of one recipient, newest first: <paramref name="canonicalAddress"/> is an address in
    /// canonical form (<c>EmailAddress.TryCanonicalize</c>), compared without regard to case.
    /// </summary>
    Task<IReadOnlyList<SendLogEntry>> FindByRecipientAsync(string canonicalAddress, int limit, CancellationToken cancellationToken);

    /// <summary>How many entries there are, optionally of one status.</summary>
    Task<int> CountAsync(SendStatus? status, CancellationToken cancellationToken);

    /// <summary>The most recent entries, newest first, optionally of one status.</summary>
    Task<IReadOnlyList<SendLogEntry>> ListAsync(SendStatus? status, int limit, CancellationToken cancellationToken);
}
