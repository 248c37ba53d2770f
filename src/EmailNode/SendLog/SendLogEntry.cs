namespace SignupEmail.EmailNode.SendLog;

/// <summary>One row of the send log, as the admin endpoints show it.</summary>
/// <param name="EventId">The event id.</param>
/// <param name="UserId">The user, when known.</param>
/// <param name="Recipient">The e-mail address, when known.</param>
/// <param name="Locale">The locale, when known.</param>
/// <param name="Status">Sent or dead-lettered.</param>
/// <param name="Attempts">Delivery attempts made.</param>
/// <param name="Partition">Kafka partition of the record.</param>
/// <param name="Offset">Kafka offset of the record.</param>
/// <param name="MessageId">The e-mail's Message-ID, when known.</param>
/// <param name="RecordedAt">When the entry was last written (UTC).</param>
/// <param name="LastError">Why it was dead-lettered; null once sent.</param>
public sealed record SendLogEntry(
    Guid EventId,
    string? UserId,
    string? Recipient,
    string? Locale,
    SendStatus Status,
    int Attempts,
    int? Partition,
    long? Offset,
    string? MessageId,
    DateTimeOffset RecordedAt,
    string? LastError);
