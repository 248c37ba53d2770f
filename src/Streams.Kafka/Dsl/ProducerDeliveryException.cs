using Confluent.Kafka;

namespace SignupEmail.Streams.Kafka.Dsl;

/// <summary>
/// A producer stage failed because a record could not be delivered (or not within the flush
/// timeout). <see cref="KafkaException.Error"/> carries the Kafka <see cref="ErrorCode"/>;
/// <see cref="TopicPartition"/> names where the record was going, when known.
/// </summary>
public sealed class ProducerDeliveryException : KafkaException
{
    /// <summary>Creates the exception for a record bound to <paramref name="topicPartition"/>.</summary>
    public ProducerDeliveryException(Error error, TopicPartition? topicPartition)
        : base(Describe(error, topicPartition))
    {
        TopicPartition = topicPartition;
    }

    /// <summary>Topic and partition of the failing record (partition <see cref="Partition.Any"/> if it had none yet); <c>null</c> if unknown.</summary>
    public TopicPartition? TopicPartition { get; }

    // KafkaException takes its message from the Error, so the topic goes into the reason while
    // the code stays the original one.
    private static Error Describe(Error error, TopicPartition? topicPartition)
    {
        ArgumentNullException.ThrowIfNull(error);
        var where = topicPartition is null ? "a record" : $"a record to {topicPartition.Topic} [{DescribePartition(topicPartition.Partition)}]";
        return new Error(error.Code, $"Kafka producer could not deliver {where}: {error.Code}: {error.Reason}", error.IsFatal);
    }

    private static string DescribePartition(Partition partition) => partition == Partition.Any ? "any partition" : $"partition {partition.Value}";
}
