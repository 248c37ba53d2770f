using Confluent.Kafka;

namespace SignupEmail.Streams.Kafka.Messages;

/// <summary>
/// One record to produce: where it goes (a topic, optionally a fixed partition) and the Confluent
/// <see cref="Message{TKey, TValue}"/> (key, value, headers, timestamp). The message is handed to
/// Confluent as is, so building a record costs no copy.
/// </summary>
/// <typeparam name="TKey">Record key type.</typeparam>
/// <typeparam name="TValue">Record value type.</typeparam>
public sealed record ProducerRecord<TKey, TValue>
{
    /// <summary>A record for <paramref name="topic"/>, partitioned by the producer's partitioner.</summary>
    public ProducerRecord(string topic, TKey key, TValue value)
        : this(new TopicPartition(topic, Partition.Any), new Message<TKey, TValue> { Key = key, Value = value })
    {
    }

    /// <summary>A record for <paramref name="topic"/>, partitioned by the producer's partitioner.</summary>
    public ProducerRecord(string topic, Message<TKey, TValue> message)
        : this(new TopicPartition(topic, Partition.Any), message)
    {
    }

    /// <summary>A record for a topic and partition; <see cref="Partition.Any"/> leaves the choice to the partitioner.</summary>
    public ProducerRecord(TopicPartition topicPartition, Message<TKey, TValue> message)
    {
        ArgumentNullException.ThrowIfNull(topicPartition);
        ArgumentException.ThrowIfNullOrWhiteSpace(topicPartition.Topic, nameof(topicPartition));
        ArgumentNullException.ThrowIfNull(message);
        TopicPartition = topicPartition;
        Message = message;
    }

    /// <summary>Target topic and partition (<see cref="Partition.Any"/> unless fixed).</summary>
    public TopicPartition TopicPartition { get; }

    /// <summary>Target topic.</summary>
    public string Topic => TopicPartition.Topic;

    /// <summary>Key, value, headers and timestamp.</summary>
    public Message<TKey, TValue> Message { get; }
}
