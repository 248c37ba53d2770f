namespace SignupEmail.Streams.Kafka.Messages;

/// <summary>
/// Builds the envelopes that <see cref="Dsl.Producer.FlexiFlow{TKey, TValue, TPassThrough}(Settings.ProducerSettings{TKey, TValue})"/>
/// accepts: one record, several records, or none, each with a pass-through value that comes back
/// in the result (typically the offset to commit once the records are acknowledged).
/// </summary>
public static class ProducerMessage
{
    /// <summary>Produces one record; its result carries the record's delivery metadata.</summary>
    public static ProducerMessageEnvelope<TKey, TValue, TPassThrough> Single<TKey, TValue, TPassThrough>(
        ProducerRecord<TKey, TValue> record, TPassThrough passThrough) => new ProducerMessageSingle<TKey, TValue, TPassThrough>(record, passThrough);

    /// <summary>Produces several records; one result comes back once all of them are acknowledged.</summary>
    public static ProducerMessageEnvelope<TKey, TValue, TPassThrough> Multi<TKey, TValue, TPassThrough>(
        IReadOnlyList<ProducerRecord<TKey, TValue>> records, TPassThrough passThrough) => new ProducerMessageMulti<TKey, TValue, TPassThrough>(records, passThrough);

    /// <summary>Produces nothing; the pass-through value comes back in order with the other results.</summary>
    public static ProducerMessageEnvelope<TKey, TValue, TPassThrough> PassThrough<TKey, TValue, TPassThrough>(
        TPassThrough passThrough) => new ProducerMessagePassThrough<TKey, TValue, TPassThrough>(passThrough);
}
