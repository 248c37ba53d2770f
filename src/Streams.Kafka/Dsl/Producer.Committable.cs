using Akka;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;

namespace SignupEmail.Streams.Kafka.Dsl;

/// <summary>Producer stages that commit consumed offsets once what they produced is acknowledged.</summary>
public static partial class Producer
{
    /// <summary>
    /// Produces each envelope's records and, once Kafka acknowledged them, commits the envelope's
    /// pass-through offset through a batching <see cref="Committer"/>: a consumed record counts as
    /// processed only after its output is durable (consume → transform → produce, at-least-once).
    /// The task completes after the last commit and faults on a failed delivery or commit.
    /// </summary>
    public static Sink<ProducerMessageEnvelope<TKey, TValue, ICommittable>, Task<Done>> CommittableSink<TKey, TValue>(
        ProducerSettings<TKey, TValue> producerSettings, CommitterSettings committerSettings) =>
        FlexiFlow<TKey, TValue, ICommittable>(producerSettings)
            .Select(result => result.PassThrough)
            .ToMaterialized(Committer.Sink(committerSettings), Keep.Right);

    /// <summary><see cref="CommittableSink{TKey, TValue}(ProducerSettings{TKey, TValue}, CommitterSettings)"/> over a shared producer that the stage never disposes.</summary>
    public static Sink<ProducerMessageEnvelope<TKey, TValue, ICommittable>, Task<Done>> CommittableSink<TKey, TValue>(
        ProducerSettings<TKey, TValue> producerSettings, CommitterSettings committerSettings, IProducer<TKey, TValue> producer) =>
        FlexiFlow<TKey, TValue, ICommittable>(producerSettings, producer)
            .Select(result => result.PassThrough)
            .ToMaterialized(Committer.Sink(committerSettings), Keep.Right);
}
