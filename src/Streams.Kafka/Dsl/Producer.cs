using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Internal;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;

namespace SignupEmail.Streams.Kafka.Dsl;

/// <summary>
/// Akka.Streams stages that produce to Kafka. Each materialization builds its own Confluent producer
/// from the settings (idempotent, <c>acks=all</c> by default) and disposes it when the stage stops;
/// the overloads taking an <see cref="IProducer{TKey, TValue}"/> share that producer instead and
/// leave its disposal to the caller.
/// </summary>
public static partial class Producer
{
    /// <summary>
    /// Produces the records of each envelope and emits one result per envelope, in upstream order,
    /// once all its records are acknowledged: <see cref="ProducerMessageSingleResult{TKey, TValue, TPassThrough}"/>,
    /// <see cref="ProducerMessageMultiResult{TKey, TValue, TPassThrough}"/> or <see cref="ProducerMessagePassThroughResult{TKey, TValue, TPassThrough}"/>.
    /// </summary>
    /// <remarks>
    /// At most <see cref="ProducerSettings{TKey, TValue}.Parallelism"/> envelopes are in flight; a full
    /// librdkafka queue backpressures. On upstream completion the stage waits for the outstanding
    /// reports (at most <see cref="ProducerSettings{TKey, TValue}.FlushTimeout"/>). A failed delivery
    /// fails the stream with a <see cref="ProducerDeliveryException"/>; a bad configuration fails it
    /// at materialization with a <see cref="KafkaSettingsException"/>.
    /// </remarks>
    public static Flow<ProducerMessageEnvelope<TKey, TValue, TPassThrough>, ProducerMessageResult<TKey, TValue, TPassThrough>, NotUsed> FlexiFlow<TKey, TValue, TPassThrough>(
        ProducerSettings<TKey, TValue> settings) => CreateFlow<TKey, TValue, TPassThrough>(settings, sharedProducer: null);

    /// <summary>
    /// <see cref="FlexiFlow{TKey, TValue, TPassThrough}(ProducerSettings{TKey, TValue})"/> over an existing
    /// producer, shared with other stages; the stage never disposes it. Its Kafka properties come from
    /// the producer, the stage's limits (parallelism, timeouts) from <paramref name="settings"/>.
    /// </summary>
    public static Flow<ProducerMessageEnvelope<TKey, TValue, TPassThrough>, ProducerMessageResult<TKey, TValue, TPassThrough>, NotUsed> FlexiFlow<TKey, TValue, TPassThrough>(
        ProducerSettings<TKey, TValue> settings, IProducer<TKey, TValue> producer)
    {
        ArgumentNullException.ThrowIfNull(producer);
        return CreateFlow<TKey, TValue, TPassThrough>(settings, producer);
    }

    /// <summary>Produces each record and emits its delivery metadata, in upstream order.</summary>
    public static Flow<ProducerRecord<TKey, TValue>, DeliveryResult<TKey, TValue>, NotUsed> PlainFlow<TKey, TValue>(ProducerSettings<TKey, TValue> settings) =>
        Flow.Create<ProducerRecord<TKey, TValue>>()
            .Select(ToEnvelope)
            .Via(FlexiFlow<TKey, TValue, NotUsed>(settings))
            .Select(result => ((ProducerMessageSingleResult<TKey, TValue, NotUsed>)result).Metadata);

    /// <summary>
    /// Produces each record. The materialized task completes once every record is acknowledged and
    /// upstream has completed, and faults if the stage fails.
    /// </summary>
    public static Sink<ProducerRecord<TKey, TValue>, Task<Done>> PlainSink<TKey, TValue>(ProducerSettings<TKey, TValue> settings) =>
        Flow.Create<ProducerRecord<TKey, TValue>>()
            .Select(ToEnvelope)
            .Via(FlexiFlow<TKey, TValue, NotUsed>(settings))
            .ToMaterialized(Sink.Ignore<ProducerMessageResult<TKey, TValue, NotUsed>>(), Keep.Right);

    /// <summary><see cref="PlainSink{TKey, TValue}(ProducerSettings{TKey, TValue})"/> over a shared producer that the stage never disposes.</summary>
    public static Sink<ProducerRecord<TKey, TValue>, Task<Done>> PlainSink<TKey, TValue>(ProducerSettings<TKey, TValue> settings, IProducer<TKey, TValue> producer) =>
        Flow.Create<ProducerRecord<TKey, TValue>>()
            .Select(ToEnvelope)
            .Via(FlexiFlow<TKey, TValue, NotUsed>(settings, producer))
            .ToMaterialized(Sink.Ignore<ProducerMessageResult<TKey, TValue, NotUsed>>(), Keep.Right);

    private static ProducerMessageEnvelope<TKey, TValue, NotUsed> ToEnvelope<TKey, TValue>(ProducerRecord<TKey, TValue> record) =>
        ProducerMessage.Single(record, NotUsed.Instance);

    private static Flow<ProducerMessageEnvelope<TKey, TValue, TPassThrough>, ProducerMessageResult<TKey, TValue, TPassThrough>, NotUsed> CreateFlow<TKey, TValue, TPassThrough>(
        ProducerSettings<TKey, TValue> settings, IProducer<TKey, TValue>? sharedProducer)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Flow.FromGraph(new ProducerStage<TKey, TValue, TPassThrough>(settings, sharedProducer))
            .WithAttributes(ActorAttributes.CreateDispatcher(settings.DispatcherId));
    }
}
