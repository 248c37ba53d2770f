using Confluent.Kafka;

namespace SignupEmail.Streams.Kafka.Messages;

/// <summary>The record of a <see cref="ProducerMessageSingle{TKey, TValue, TPassThrough}"/> was acknowledged.</summary>
/// <typeparam name="TKey">Record key type.</typeparam>
/// <typeparam name="TValue">Record value type.</typeparam>
/// <typeparam name="TPassThrough">The envelope's pass-through value.</typeparam>
public sealed record ProducerMessageSingleResult<TKey, TValue, TPassThrough> : ProducerMessageResult<TKey, TValue, TPassThrough>
{
    /// <summary>Creates the result.</summary>
    public ProducerMessageSingleResult(ProducerRecord<TKey, TValue> record, DeliveryResult<TKey, TValue> metadata, TPassThrough passThrough)
        : base(passThrough)
    {
        Record = record;
        Metadata = metadata;
    }

    /// <summary>The record that was produced.</summary>
    public ProducerRecord<TKey, TValue> Record { get; }

    /// <summary>Where it landed: topic, partition, offset and timestamp, as reported by the broker.</summary>
    public DeliveryResult<TKey, TValue> Metadata { get; }

    /// <summary>Topic, partition and offset of the record.</summary>
    public TopicPartitionOffset TopicPartitionOffset => Metadata.TopicPartitionOffset;
}
