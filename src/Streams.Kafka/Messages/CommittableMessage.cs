using Confluent.Kafka;

namespace SignupEmail.Streams.Kafka.Messages;

/// <summary>A consumed record with the offset to commit once it has been processed.</summary>
/// <typeparam name="TKey">Record key type.</typeparam>
/// <typeparam name="TValue">Record value type.</typeparam>
/// <param name="Record">The record as Confluent returned it (topic, partition, offset, key, value, headers, timestamp).</param>
/// <param name="CommittableOffset">Commit this (through <see cref="Dsl.Committer"/>) once the record is processed.</param>
public sealed record CommittableMessage<TKey, TValue>(ConsumeResult<TKey, TValue> Record, CommittableOffset CommittableOffset);
