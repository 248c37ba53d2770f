using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Internal;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;

namespace SignupEmail.Streams.Kafka.Dsl;

/// <summary>
/// Akka.Streams sources that consume from Kafka as a member of a consumer group, with offsets
/// committed explicitly through <see cref="Committer"/> once records are processed (at-least-once).
/// </summary>
/// <remarks>
/// Each materialization runs one Confluent consumer on a thread of its own that polls every
/// <c>poll-timeout</c>, also while every partition is paused, so a slow stream never gets the
/// consumer evicted for exceeding <c>max.poll.interval.ms</c>. Up to <c>buffer-size</c> records are
/// buffered per partition; a full buffer pauses only its own partition.
/// </remarks>
public static class Consumer
{
    // MergeMany needs a bound on live sub-sources: one per assigned partition.
    private const int MaxPartitionsPerConsumer = 1024;

    /// <summary>
    /// Emits one <c>(partition, source)</c> pair per partition assigned to this consumer. The source
    /// emits that partition's records in offset order; it completes when the partition is revoked or
    /// lost (records it still buffered are dropped and never emitted) or when the consumer stops, and
    /// a new pair comes when the partition is assigned again. A cancelled sub-source (e.g. after
    /// <c>Take(n)</c>, or because its sub-stream failed) is followed by a new pair for the same
    /// partition whose source starts at the first record the cancelled one did not emit — or, when
    /// its sub-stream failed, after the last record handed to the committer, so nothing is skipped.
    /// </summary>
    public static Source<(TopicPartition Partition, Source<CommittableMessage<TKey, TValue>, NotUsed> Source), IControl> CommittablePartitionedSource<TKey, TValue>(
        ConsumerSettings<TKey, TValue> settings, Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(subscription);
        Validate(settings);
        return Source.FromGraph(new ConsumerPartitionedSourceStage<TKey, TValue>(settings, subscription))
            .WithAttributes(ActorAttributes.CreateDispatcher(settings.DispatcherId));
    }

    /// <summary>
    /// Emits the records of every assigned partition as one stream (per-partition order is kept,
    /// partitions interleave). A slow downstream slows every partition alike; use
    /// <see cref="CommittablePartitionedSource{TKey, TValue}"/> to process partitions independently.
    /// </summary>
    public static Source<CommittableMessage<TKey, TValue>, IControl> CommittableSource<TKey, TValue>(
        ConsumerSettings<TKey, TValue> settings, Subscription subscription) =>
        CommittablePartitionedSource(settings, subscription)
            .Via(Flow.Create<(TopicPartition Partition, Source<CommittableMessage<TKey, TValue>, NotUsed> Source)>()
                .MergeMany(MaxPartitionsPerConsumer, pair => pair.Source));

    private static void Validate<TKey, TValue>(ConsumerSettings<TKey, TValue> settings)
    {
        const string clients = $"{ConsumerSettings<TKey, TValue>.ConfigPath}.kafka-clients";
        if (string.IsNullOrWhiteSpace(settings.GroupId))
        {
            throw new KafkaSettingsException($"{clients}.group.id", "is required by committable sources");
        }

        if (!settings.Properties.TryGetValue("bootstrap.servers", out var servers) || string.IsNullOrWhiteSpace(servers))
        {
            throw new KafkaSettingsException($"{clients}.bootstrap.servers", "is missing");
        }
    }
}
