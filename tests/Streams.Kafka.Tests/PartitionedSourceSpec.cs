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
    // Follows alpakka-kafka's PartitionedSourcesSpec "rebalance when a new consumer comes up", ten times in
    // a row with each newcomer leaving as soon as it has partitions: the old member ends up with exactly one
    // live sub-source per partition, and that one emits.
    [Fact]
    public async Task Rebalance_when_a_new_consumer_comes_up_ten_times_and_keep_one_live_sub_source_per_partition()
    {
        var topic = kafka.CreateUniqueTopic("partitioned");
        var group = KafkaClusterFixture.UniqueGroupId("partitioned");
        var a = Member(topic, group, "A");
        await Eventually.TrueAsync(() => a.Control.AssignedPartitions.Count == 3, Patience, "A gets all 3 partitions");

        var clock = Stopwatch.StartNew();
        for (var round = 0; round < 10; round++)
        {
            // A second member joins, takes over partitions of A, and leaves as soon as it has them
            // (without waiting for A to get them back): the next join overlaps the rebalance its leave starts.
            var b = Member(topic, group, $"B{round}");
            await b.NextSubSourceAsync();
            await b.ShutdownAsync();
            Output?.WriteLine($"round {round} done after {clock.Elapsed.TotalSeconds:0.0} s");
        }

        await Eventually.TrueAsync(() => a.Control.AssignedPartitions.Count == 3, Patience, "A owns all 3 partitions again");

        // Newly produced records reach A, each partition's in order through one sub-source; every
        // sub-source A emitted before that one completed without emitting.
        await ProduceAsync(topic, partitions: 3, perPartition: 20);
        for (var partition = 0; partition < 3; partition++)
        {
            var records = await a.TakeAsync(partition, 20);
            Assert.Equal(Enumerable.Range(0, 20).Select(n => $"p{partition}-{n}"), records.Select(r => r.Record.Message.Value));
            await CommitAsync(records);
        }

        // No further sub-source, and the one of each partition that emitted is the only one left live.
        await a.ExpectNoNewSubSourceAsync(TimeSpan.FromMilliseconds(500));
        for (var partition = 0; partition < 3; partition++)
        {
            await a.ExpectOnlyNewestLiveAsync(partition);
        }

        await a.ShutdownAsync();
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
    private PartitionProbes Member(string topic, string group, string name) =>
        PartitionProbes.Start(this, ConsumerSettings(group, name, sessionTimeoutMs: 3000), topic, Materializer, Patience);
}
