using System.Diagnostics;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class PartitionedSourceSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : ConsumerSpecBase(kafka.Cluster, output)
{
    [Fact]
    public async Task Emits_exactly_one_live_sub_source_per_assigned_partition_even_after_ten_rapid_rebalances()
    {
        var topic = kafka.CreateUniqueTopic("partitioned");
        var group = KafkaClusterFixture.UniqueGroupId("partitioned");
        var a = RunningConsumer.Start("A", Settings(group, "A"), CommitterSettings(), topic, Materializer);
        await Eventually.TrueAsync(() => a.Control.AssignedPartitions.Count == 3, Patience, "A gets all 3 partitions");
        await Eventually.TrueAsync(() => a.Live.Count == 3, Patience, "A runs one sub-source per partition");
        AssertOneLiveSubSourcePerAssignedPartition(a);

        var clock = Stopwatch.StartNew();
        for (var round = 0; round < 10; round++)
        {
            // A second member joins, takes over partitions of A, and leaves as soon as it has them
            // (without waiting for A to get them back): the next join overlaps the rebalance its leave starts.
            var b = RunningConsumer.Start($"B{round}", Settings(group, $"B{round}"), CommitterSettings(), topic, Materializer);
            await Eventually.TrueAsync(() => b.Control.AssignedPartitions.Count > 0, Patience, $"round {round}: B gets partitions");
            await b.Control.Shutdown().WaitAsync(Patience);
            Output?.WriteLine($"round {round} done after {clock.Elapsed.TotalSeconds:0.0} s");
        }

        await Eventually.TrueAsync(() => a.Control.AssignedPartitions.Count == 3 && a.Live.Count == 3, Patience, "A owns all 3 partitions again with 3 live sub-sources");
        AssertOneLiveSubSourcePerAssignedPartition(a);

        // Every live sub-source still emits: newly produced records reach each of them.
        var live = a.Live.ToDictionary(s => s.Partition, s => s.Count);
        await ProduceAsync(topic, partitions: 3, perPartition: 20);
        await Eventually.TrueAsync(
            () => a.Live.All(s => live.TryGetValue(s.Partition, out var before) && s.Count >= before + 20),
            Patience,
            "each live sub-source receives its partition's new records");
        Assert.Equal(60, a.Records.DistinctCount);
        AssertOneLiveSubSourcePerAssignedPartition(a);
        Assert.All(a.SubStreams, s => Assert.Null(s.Failure));

        await a.Control.DrainAndShutdown().WaitAsync(Patience);
        Assert.Empty(a.Live);
    }

    // Follows alpakka-kafka's PartitionedSourcesSpec "not leave gaps when subsource is cancelled".
    [Fact]
    public async Task Not_leave_gaps_when_subsource_is_cancelled()
    {
        const int total = 100;
        var topic = kafka.CreateUniqueTopic("cancelled-subsource", partitions: 1);
        var group = KafkaClusterFixture.UniqueGroupId("cancelled-subsource");
        await ProduceAsync(topic, partitions: 1, perPartition: total);

        // Every sub-source takes 10 records and cancels; the partition must come back each time
        // as a new sub-source starting right after the last record emitted.
        var subSources = 0;
        // A seek back waits for the fetch in flight, which the broker holds up to fetch.wait.max.ms.
        var settings = ConsumerSettings(group).WithProperty("fetch.wait.max.ms", "50");
        var probe = Consumer.CommittablePartitionedSource(settings, Subscription.ToTopics(topic))
            .Via(Flow.Create<(Confluent.Kafka.TopicPartition Partition, Source<Messages.CommittableMessage<string, string>, Akka.NotUsed> Source)>().MergeMany(1, pair =>
            {
                Interlocked.Increment(ref subSources);
                return pair.Source.Take(10);
            }))
            .SelectAsync(1, async message =>
            {
                await message.CommittableOffset.CommitAsync();
                return message.Record.Message.Value;
            })
            .Take(total)
            .RunWith(this.SinkProbe<string>(), Materializer);

        probe.Request(total);
        var values = new List<string>();
        for (var n = 0; n < total; n++)
        {
            values.Add(await probe.ExpectNextAsync(Patience));
        }

        await probe.ExpectCompleteAsync();
        Assert.Equal(Enumerable.Range(0, total).Select(n => $"p0-{n}"), values);
        // The tenth may be followed by an eleventh (from offset 100) before Take(100) completes.
        Assert.InRange(Volatile.Read(ref subSources), total / 10, total / 10 + 1);
        await AssertNoLeaksAsync();
        Assert.Equal(total, Committed(group, topic, 1)[0]);
    }

    // A short session timeout: rebalances on the mock cluster take about that long.
    private Settings.ConsumerSettings<string, string> Settings(string group, string name) => ConsumerSettings(group, name, sessionTimeoutMs: 3000);

    private static void AssertOneLiveSubSourcePerAssignedPartition(RunningConsumer consumer)
    {
        var assigned = consumer.Control.AssignedPartitions.Select(p => p.Partition.Value).Order().ToList();
        var live = consumer.Live.Select(s => s.Partition).Order().ToList();
        Assert.Equal(assigned, live);
    }
}
