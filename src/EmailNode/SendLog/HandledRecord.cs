namespace SignupEmail.EmailNode.SendLog;

/// <summary>What the send log records about one handled Kafka record.</summary>
/// <param name="EventId">The event id; the send log holds at most one entry per event.</param>
/// <param name="UserId">The user, when the record could be decoded.</param>
/// <param name="Recipient">The e-mail address, when the record could be decoded.</param>
/// <param name="Locale">The locale the e-mail was rendered in, when known.</param>
/// <param name="Attempts">Delivery attempts made, including the last one.</param>
/// <param name="Partition">Kafka partition the record came from.</param>
/// <param name="Offset">Kafka offset of the record.</param>
/// <param name="MessageId">The e-mail's Message-ID, when one was rendered.</param>
public sealed record HandledRecord(
    Guid EventId,
    string? UserId,
    string? Recipient,
    string? Locale,
    int Attempts,
    int? Partition,
    long? Offset,
    string? MessageId);
