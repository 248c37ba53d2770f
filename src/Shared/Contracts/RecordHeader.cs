namespace SignupEmail.Shared.Contracts;

/// <summary>
/// One Kafka record header, independent of any Kafka client library so that the contract has no
/// dependencies; with Confluent.Kafka it maps one to one onto <c>Header(Key, GetValueBytes())</c>.
/// </summary>
/// <param name="Name">Header key.</param>
/// <param name="Value">Header value bytes (UTF-8 text for every header we write).</param>
public sealed record RecordHeader(string Name, byte[] Value);
