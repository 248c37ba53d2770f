using Confluent.Kafka;

namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>
/// What the poll loop tells the source stage. Called on the poll thread: implementations hand the
/// event to the stage through its async callbacks and return at once.
/// </summary>
internal interface IConsumerListener<TKey, TValue>
{
    void OnAssigned(IReadOnlyList<ConsumerPartitionBuffer<TKey, TValue>> partitions);

    void OnRevoked(IReadOnlyList<TopicPartition> partitions);

    /// <summary>The control stopped emitting (Stop, Shutdown): the source completes.</summary>
    void OnStopped();

    void OnFailed(Exception error);
}
