using Akka.Streams;
using Akka.Streams.Stage;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;

namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>
/// The producer flow: envelopes in, results out in upstream order. With <c>sharedProducer</c> the
/// stage uses (and never disposes) that producer; otherwise it builds one per materialization.
/// </summary>
internal sealed class ProducerStage<TKey, TValue, TPassThrough>(ProducerSettings<TKey, TValue> settings, IProducer<TKey, TValue>? sharedProducer)
    : GraphStage<FlowShape<ProducerMessageEnvelope<TKey, TValue, TPassThrough>, ProducerMessageResult<TKey, TValue, TPassThrough>>>
{
    public Inlet<ProducerMessageEnvelope<TKey, TValue, TPassThrough>> In { get; } = new("kafka-producer.in");

    public Outlet<ProducerMessageResult<TKey, TValue, TPassThrough>> Out { get; } = new("kafka-producer.out");

    public override FlowShape<ProducerMessageEnvelope<TKey, TValue, TPassThrough>, ProducerMessageResult<TKey, TValue, TPassThrough>> Shape => new(In, Out);

    public ProducerSettings<TKey, TValue> Settings { get; } = settings;

    public IProducer<TKey, TValue>? SharedProducer { get; } = sharedProducer;

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("kafka-producer");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new ProducerStageLogic<TKey, TValue, TPassThrough>(this);
}
