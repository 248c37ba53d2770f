using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class ConsumerFailureSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : ConsumerSpecBase(kafka.Cluster, output)
{
    [Fact]
    public async Task A_failing_stage_fails_the_materialized_completion_and_closes_the_consumer()
    {
        var topic = kafka.CreateUniqueTopic("stage-failure");
        var group = KafkaClusterFixture.UniqueGroupId("stage-failure");
        await ProduceAsync(topic, 3, 20);

        var control = Consumer.CommittableSource(ConsumerSettings(group), Subscription.ToTopics(topic))
            .Select(m => m.Record.Offset.Value == 10 && m.Record.Partition.Value == 1
                ? throw new InvalidOperationException("poison record")
                : (ICommittable)m.CommittableOffset)
            .ToMaterialized(Committer.Sink(CommitterSettings()), DrainingControl<Done>.Create)
            .Run(Materializer);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => control.StreamCompletion.WaitAsync(Patience));
        Assert.Equal("poison record", error.Message);
        await control.IsShutdown.WaitAsync(Patience);
        Assert.Empty(control.AssignedPartitions);
    }

    [Fact]
    public async Task A_consumer_error_fails_the_source_and_is_surfaced_in_the_materialized_completion()
    {
        var topic = kafka.CreateUniqueTopic("consumer-failure");
        var group = KafkaClusterFixture.UniqueGroupId("consumer-failure");
        await ProduceAsync(topic, 3, 5);

        var settings = ConsumerSettings(group).WithValueDeserializer(new FailingDeserializer());
        var control = Consumer.CommittableSource(settings, Subscription.ToTopics(topic))
            .Select(m => (ICommittable)m.CommittableOffset)
            .ToMaterialized(Committer.Sink(CommitterSettings()), DrainingControl<Done>.Create)
            .Run(Materializer);

        var error = await Assert.ThrowsAsync<ConsumeException>(() => control.StreamCompletion.WaitAsync(Patience));
        Assert.Equal(ErrorCode.Local_ValueDeserialization, error.Error.Code);
        var closed = await Assert.ThrowsAsync<ConsumeException>(() => control.IsShutdown.WaitAsync(Patience));
        Assert.Same(error, closed);
        await Assert.ThrowsAsync<ConsumeException>(() => control.Shutdown());
    }

    [Fact]
    public async Task Wrapped_in_a_restart_source_the_partitioned_source_comes_back_after_a_failure_and_resumes_every_partition()
    {
        const int perPartition = 200;
        var topic = kafka.CreateUniqueTopic("restart-source");
        var group = KafkaClusterFixture.UniqueGroupId("restart-source");
        await ProduceAsync(topic, 3, perPartition);
        var records = new ConsumedRecords();
        var starts = 0;
        var failed = 0;
        var settings = ConsumerSettings(group, sessionTimeoutMs: 3000);

        var restarting = RestartSource.OnFailuresWithBackoff(
            () =>
            {
                Interlocked.Increment(ref starts);
                return Consumer.CommittablePartitionedSource(settings, Subscription.ToTopics(topic))
                    .SelectAsyncUnordered(8, pair => pair.Source
                        .Select(m =>
                        {
                            if (m.Record.Offset.Value == 100 && Interlocked.CompareExchange(ref failed, 1, 0) == 0)
                            {
                                throw new InvalidOperationException("transient failure");
                            }

                            records.Add(m.Record);
                            return (ICommittable)m.CommittableOffset;
                        })
                        .RunWith(Committer.Sink(CommitterSettings(maxBatch: 10, maxIntervalMs: 50)), Materializer));
            },
            RestartSettings.Create(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), 0.2));
        var (kill, completion) = restarting
            .ViaMaterialized(KillSwitches.Single<Done>(), Keep.Right)
            .ToMaterialized(Sink.Ignore<Done>(), Keep.Both)
            .Run(Materializer);

        var all = Enumerable.Range(0, 3).SelectMany(p => Enumerable.Range(0, perPartition).Select(o => (p, (long)o))).ToHashSet();
        await Eventually.TrueAsync(() => all.IsSubsetOf(records.Distinct()), Patience, "every record of every partition is processed after the restart");
        Assert.Equal(1, Volatile.Read(ref failed));
        Assert.Equal(2, Volatile.Read(ref starts));
        await Eventually.TrueAsync(() => Committed(group, topic, 3).Values.All(o => o == perPartition), Patience, "the restarted source commits every partition to its end");

        kill.Shutdown();
        await completion.WaitAsync(Patience);
    }

    private sealed class FailingDeserializer : IDeserializer<string>
    {
        public string Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
            throw new FormatException("not the value format");
    }
}
