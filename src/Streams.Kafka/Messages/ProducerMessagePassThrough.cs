namespace SignupEmail.Streams.Kafka.Messages;

/// <summary>An envelope that produces nothing; its pass-through value comes back in upstream order.</summary>
/// <typeparam name="TKey">Record key type.</typeparam>
/// <typeparam name="TValue">Record value type.</typeparam>
/// <typeparam name="TPassThrough">Value handed back unchanged in the result.</typeparam>
public sealed record ProducerMessagePassThrough<TKey, TValue, TPassThrough> : ProducerMessageEnvelope<TKey, TValue, TPassThrough>
{
    /// <summary>Wraps <paramref name="passThrough"/>.</summary>
    public ProducerMessagePassThrough(TPassThrough passThrough)
        : base(passThrough)
    {
    }
}
