namespace SignupEmail.Streams.Kafka.Messages;

/// <summary>
/// What the producer flow accepts: <see cref="ProducerMessageSingle{TKey, TValue, TPassThrough}"/>,
/// <see cref="ProducerMessageMulti{TKey, TValue, TPassThrough}"/> or
/// <see cref="ProducerMessagePassThrough{TKey, TValue, TPassThrough}"/>. Build them with <see cref="ProducerMessage"/>.
/// </summary>
/// <typeparam name="TKey">Record key type.</typeparam>
/// <typeparam name="TValue">Record value type.</typeparam>
/// <typeparam name="TPassThrough">Value handed back unchanged in the result.</typeparam>
public abstract record ProducerMessageEnvelope<TKey, TValue, TPassThrough>
{
    // Closed hierarchy: the stage knows every kind of envelope.
    private protected ProducerMessageEnvelope(TPassThrough passThrough) => PassThrough = passThrough;

    /// <summary>Value handed back unchanged in the result.</summary>
    public TPassThrough PassThrough { get; }
}
