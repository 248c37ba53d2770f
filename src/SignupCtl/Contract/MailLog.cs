namespace SignupEmail.SignupCtl.Contract;

/// <summary><c>GET /admin/mail</c>: the send log's entries for an address or an event.</summary>
internal sealed record MailLog(IReadOnlyList<MailLogEntry> Items);

/// <summary>One send-log entry: <c>Status</c> is <c>Sent</c> or <c>DeadLettered</c>.</summary>
internal sealed record MailLogEntry(
    string EventId,
    string? UserId,
    string Recipient,
    string? Locale,
    string Status,
    int Attempts,
    int Partition,
    long Offset,
    string? MessageId,
    DateTimeOffset RecordedAt,
    string? LastError);
