namespace SignupEmail.EmailNode.DeadLetters;

/// <summary>One record on the dead-letter topic, as the admin listing shows it (no value bytes, no address in full).</summary>
/// <param name="Partition">Partition on the dead-letter topic (the original partition number).</param>
/// <param name="Offset">Offset on the dead-letter topic; what a replay selects by.</param>
/// <param name="Timestamp">When the record was written to the dead-letter topic (its Kafka timestamp), when known.</param>
/// <param name="EventId">The event id from the <c>ce_id</c> header, when present.</param>
/// <param name="Key">The record key (user id), as text.</param>
/// <param name="Headers">Every <c>dlt-*</c> header, as text.</param>
public sealed record DeadLetterEntry(
    int Partition, long Offset, DateTimeOffset? Timestamp, string? EventId, string? Key, IReadOnlyDictionary<string, string> Headers);
