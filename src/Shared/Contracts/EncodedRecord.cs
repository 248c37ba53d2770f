namespace SignupEmail.Shared.Contracts;

/// <summary>A record ready to hand to any Kafka producer: key, value and headers as bytes.</summary>
/// <param name="Key">UTF-8 user id, so one user's events stay in one partition, in order.</param>
/// <param name="Value">UTF-8 JSON of the event with its schema version.</param>
/// <param name="Headers">CloudEvents headers and, when known, <c>traceparent</c>.</param>
public sealed record EncodedRecord(byte[] Key, byte[] Value, IReadOnlyList<RecordHeader> Headers);
