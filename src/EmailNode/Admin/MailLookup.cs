using SignupEmail.EmailNode.SendLog;

namespace SignupEmail.EmailNode.Admin;

/// <summary>What <c>GET /admin/mail</c> answers.</summary>
/// <param name="Items">The send log's entries, newest first.</param>
public sealed record MailLookup(IReadOnlyList<MailEntry> Items);

/// <summary>One send-log entry, as shown.</summary>
/// <param name="EventId">The event id.</param>
/// <param name="UserId">The user, when known.</param>
/// <param name="Recipient">The address, as the event carried it.</param>
/// <param name="Locale">The locale, when known.</param>
/// <param name="Status"><c>Sent</c> or <c>DeadLettered</c>.</param>
/// <param name="Attempts">Delivery attempts made.</param>
/// <param name="Partition">Kafka partition of the record.</param>
/// <param name="Offset">Kafka offset of the record.</param>
/// <param name="MessageId">The e-mail's Message-ID, when known.</param>
/// <param name="RecordedAt">When the entry was last written.</param>
/// <param name="LastError">Why it was dead-lettered; null once sent.</param>
public sealed record MailEntry(
    Guid EventId,
    string? UserId,
    string? Recipient,
    string? Locale,
    string Status,
    int Attempts,
    int? Partition,
    long? Offset,
    string? MessageId,
    DateTimeOffset RecordedAt,
    string? LastError)
{
    /// <summary>The entry as the admin API shows it.</summary>
    public static MailEntry Of(SendLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(
            entry.EventId, entry.UserId, entry.Recipient, entry.Locale, entry.Status.ToString(), entry.Attempts,
            entry.Partition, entry.Offset, entry.MessageId, entry.RecordedAt, entry.LastError);
    }
}
