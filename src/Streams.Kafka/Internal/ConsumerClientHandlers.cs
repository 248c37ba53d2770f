using Confluent.Kafka;

namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>
/// What a poll loop wants to hear from its Confluent consumer: every error librdkafka reports
/// through its error callback, and rebalances (<c>OnRevoked</c> is told whether the partitions were
/// lost rather than revoked). Confluent calls them inside Consume, on the poll thread.
/// </summary>
internal sealed record ConsumerClientHandlers(
    Action<Error> OnError,
    Action<List<TopicPartition>> OnAssigned,
    Action<List<TopicPartition>, bool> OnRevoked);
