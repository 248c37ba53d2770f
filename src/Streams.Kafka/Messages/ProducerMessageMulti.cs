namespace SignupEmail.Streams.Kafka.Messages;

/// <summary>An envelope with several records, acknowledged together by one result.</summary>
/// <typeparam name="TKey">Record key type.</typeparam>
/// <typeparam name="TValue">Record value type.</typeparam>
/// <typeparam name="TPassThrough">Value handed back unchanged in the result.</typeparam>
public sealed record ProducerMessageMulti<TKey, TValue, TPassThrough> : ProducerMessageEnvelope<TKey, TValue, TPassThrough>
{
    /// <summary>Wraps <paramref name="records"/> (may be empty: then it behaves like a pass-through).</summary>
    public ProducerMessageMulti(IReadOnlyList<ProducerRecord<TKey, TValue>> records, TPassThrough passThrough)
        : base(passThrough)
    {
        ArgumentNullException.ThrowIfNull(records);
        Records = records;
    }

    /// <summary>The records to produce, in order.</summary>
    public IReadOnlyList<ProducerRecord<TKey, TValue>> Records { get; }
}
