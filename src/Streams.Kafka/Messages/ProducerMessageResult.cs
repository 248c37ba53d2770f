namespace SignupEmail.Streams.Kafka.Messages;

/// <summary>
/// What the producer flow emits, one per envelope and in upstream order:
/// <see cref="ProducerMessageSingleResult{TKey, TValue, TPassThrough}"/>,
/// <see cref="ProducerMessageMultiResult{TKey, TValue, TPassThrough}"/> or
/// <see cref="ProducerMessagePassThroughResult{TKey, TValue, TPassThrough}"/>.
/// </summary>
/// <typeparam name="TKey">Record key type.</typeparam>
/// <typeparam name="TValue">Record value type.</typeparam>
/// <typeparam name="TPassThrough">The envelope's pass-through value.</typeparam>
public abstract record ProducerMessageResult<TKey, TValue, TPassThrough>
{
    // Closed hierarchy, like the envelopes.
    private protected ProducerMessageResult(TPassThrough passThrough) => PassThrough = passThrough;

    /// <summary>The envelope's pass-through value.</summary>
    public TPassThrough PassThrough { get; }
}
