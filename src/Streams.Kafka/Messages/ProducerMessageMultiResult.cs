using Confluent.Kafka;

namespace SignupEmail.Streams.Kafka.Messages;

/// <summary>Every record of a <see cref="ProducerMessageMulti{TKey, TValue, TPassThrough}"/> was acknowledged.</summary>
/// <typeparam name="TKey">Record key type.</typeparam>
/// <typeparam name="TValue">Record value type.</typeparam>
/// <typeparam name="TPassThrough">The envelope's pass-through value.</typeparam>
public sealed record ProducerMessageMultiResult<TKey, TValue, TPassThrough> : ProducerMessageResult<TKey, TValue, TPassThrough>
{
    /// <summary>Creates the result.</summary>
    public ProducerMessageMultiResult(IReadOnlyList<DeliveryResult<TKey, TValue>> metadata, TPassThrough passThrough)
        : base(passThrough)
    {
        Metadata = metadata;
    }

    /// <summary>Delivery metadata (topic, partition, offset, timestamp, message) of each record, in envelope order.</summary>
    public IReadOnlyList<DeliveryResult<TKey, TValue>> Metadata { get; }
}
