namespace SignupEmail.Streams.Kafka.Messages;

/// <summary>The result of a <see cref="ProducerMessagePassThrough{TKey, TValue, TPassThrough}"/>: nothing was produced.</summary>
/// <typeparam name="TKey">Record key type.</typeparam>
/// <typeparam name="TValue">Record value type.</typeparam>
/// <typeparam name="TPassThrough">The envelope's pass-through value.</typeparam>
public sealed record ProducerMessagePassThroughResult<TKey, TValue, TPassThrough> : ProducerMessageResult<TKey, TValue, TPassThrough>
{
    /// <summary>Creates the result.</summary>
    public ProducerMessagePassThroughResult(TPassThrough passThrough)
        : base(passThrough)
    {
    }
}
