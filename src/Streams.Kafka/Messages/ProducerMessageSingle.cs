namespace SignupEmail.Streams.Kafka.Messages;

/// <summary>An envelope with one record to produce.</summary>
/// <typeparam name="TKey">Record key type.</typeparam>
/// <typeparam name="TValue">Record value type.</typeparam>
/// <typeparam name="TPassThrough">Value handed back unchanged in the result.</typeparam>
public sealed record ProducerMessageSingle<TKey, TValue, TPassThrough> : ProducerMessageEnvelope<TKey, TValue, TPassThrough>
{
    /// <summary>Wraps <paramref name="record"/>.</summary>
    public ProducerMessageSingle(ProducerRecord<TKey, TValue> record, TPassThrough passThrough)
        : base(passThrough)
    {
        ArgumentNullException.ThrowIfNull(record);
        Record = record;
    }

    /// <summary>The record to produce.</summary>
    public ProducerRecord<TKey, TValue> Record { get; }
}
