using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
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

        // Records still buffered behind the failed stage will never be committed: the consumer waits
        // stop-timeout for them (kept short here), then closes.
        var settings = ConsumerSettings(group).WithStopTimeout(TimeSpan.FromSeconds(2));
        var control = Consumer.CommittableSource(settings, Subscription.ToTopics(topic))
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
        var starts = 0;
        var failed = 0;
        var settings = ConsumerSettings(group, sessionTimeoutMs: 3000);

        // Each message goes to the probe with the number of the run (start) that emitted it.
        var restarting = RestartSource.OnFailuresWithBackoff(
            () =>
            {
                var run = Interlocked.Increment(ref starts);
                return Consumer.CommittableSource(settings, Subscription.ToTopics(topic))
                    .Select(m => m.Record.Offset.Value == 100 && Interlocked.CompareExchange(ref failed, 1, 0) == 0
                        ? throw new InvalidOperationException("transient failure")
                        : (Run: run, Message: m));
            },
            RestartSettings.Create(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), 0.2));
        var messages = restarting.RunWith(this.SinkProbe<(int Run, CommittableMessage<string, string> Message)>(), Materializer);

        // Nothing was committed before the failure: the second run delivers every record of every partition.
        var all = Enumerable.Range(0, 3).SelectMany(p => Enumerable.Range(0, perPartition).Select(o => (p, (long)o))).ToHashSet();
        var secondRun = new List<CommittableMessage<string, string>>();
        messages.Request(long.MaxValue);
        while (!all.IsSubsetOf(secondRun.Select(m => (m.Record.Partition.Value, m.Record.Offset.Value))))
        {
            var (run, message) = await messages.ExpectNextAsync(Patience);
            if (run == 2)
            {
                secondRun.Add(message);
            }
        }

        Assert.Equal(1, Volatile.Read(ref failed));
        Assert.Equal(2, Volatile.Read(ref starts));
        await CommitAsync(secondRun);
        Assert.All(Committed(group, topic, 3).Values, offset => Assert.Equal(perPartition, offset));
        messages.Cancel();
        await AssertNoLeaksAsync();
    }

    private sealed class FailingDeserializer : IDeserializer<string>
    {
        public string Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
            throw new FormatException("not the value format");
    }
}
