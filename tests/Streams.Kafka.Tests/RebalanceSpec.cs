using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

/// <summary>
/// Members joining and leaving a group, each member's sub-sources read through stream probes: the
/// test decides what each member takes and commits, so every check is exact. Rebalances on the mock
/// cluster take about session.timeout.ms (3 s here).
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class RebalanceSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : ConsumerSpecBase(kafka.Cluster, output)
{
    // Our own regression test (no upstream counterpart): librdkafka may keep a partition's pause across
    // a revoke and re-assign.
    [Fact]
    public async Task A_partition_paused_when_revoked_and_assigned_again_at_once_is_not_left_paused_and_its_lag_returns_to_zero()
    {
        const int perPartition = 100;
        var topic = kafka.CreateUniqueTopic("reassign");
        var group = KafkaClusterFixture.UniqueGroupId("reassign");
        await ProduceAsync(topic, 3, perPartition);

        // A takes nothing yet: every partition fills its buffer of 10 and is paused.
        var a = Member(topic, group, "A", bufferSize: 10);
        await Eventually.TrueAsync(() => a.Loop.PeakBuffered.Count == 3 && a.Loop.PeakBuffered.Values.All(v => v == 10), Patience, "every partition of A fills its buffer");

        // B joins: the group rebalances, A's partitions are revoked and most of them assigned straight back;
        // B leaves as soon as it has its share, and A gets everything back.
        var b = Member(topic, group, "B");
        await b.NextSubSourceAsync();
        await b.ShutdownAsync();
        await Eventually.TrueAsync(() => a.Control.AssignedPartitions.Count == 3, Patience, "A owns all partitions again");

        // Every partition emits again, from its first record (nothing was committed), in order. The partitions
        // are read at the same time, as a running stream would: each refill of a buffer of 10 waits for a fetch.
        var taken = await Task.WhenAll(Enumerable.Range(0, 3).Select(partition => a.TakeAsync(partition, perPartition)));
        for (var partition = 0; partition < 3; partition++)
        {
            AssertOffsets(taken[partition], partition, 0, perPartition);
            await CommitAsync(taken[partition]);
        }

        await Eventually.TrueAsync(
            async () =>
            {
                var lag = await a.Control.GetPartitionLagAsync();
                return lag.Count == 3 && lag.All(l => l.LagFromCommitted == 0 && l.LagFromPosition == 0);
            },
            Patience,
            "lag (from committed and from position) returns to 0 on every partition");
        Assert.All(a.Loop.PeakBuffered.Values, peak => Assert.True(peak <= 10, $"buffered {peak} > buffer-size 10"));
        await a.ShutdownAsync();
    }

    // Follows alpakka-kafka's RebalanceSpec "Fetched records must be removed from the partitioned source
    // stage buffer when a partition is revoked".
    [Fact]
    public async Task Fetched_records_are_removed_from_the_partitioned_source_stage_buffer_when_a_partition_is_revoked()
    {
        const int perPartition = 200;
        const int takenBefore = 10;
        var topic = kafka.CreateUniqueTopic("revoke");
        var group = KafkaClusterFixture.UniqueGroupId("revoke");
        await ProduceAsync(topic, 3, perPartition);

        // A takes and commits the first records of every partition; the rest waits in its buffers.
        var a = Member(topic, group, "A");
        for (var partition = 0; partition < 3; partition++)
        {
            await CommitAsync(await a.TakeAsync(partition, takenBefore));
        }

        await Eventually.TrueAsync(() => a.Loop.PeakBuffered.Count == 3 && a.Loop.PeakBuffered.Values.All(v => v >= perPartition / 2), Patience, "A has a backlog buffered for every partition");

        // B joins and gets its share. The rebalance revoked every partition of A (eager protocol) before
        // B got any: A's sub-sources complete without emitting what they had buffered, although asked to.
        var b = Member(topic, group, "B");
        await b.NextSubSourceAsync();
        for (var partition = 0; partition < 3; partition++)
        {
            await a.ExpectOldestCompletesAsync(partition);
        }

        await Eventually.TrueAsync(() => SplitBetween(a, b), Patience, "A and B split the 3 partitions");

        // Each partition goes on exactly after A's commit, with its new owner: no record lost, none twice.
        for (var partition = 0; partition < 3; partition++)
        {
            var records = await Owner(partition, a, b).TakeAsync(partition, perPartition - takenBefore);
            AssertOffsets(records, partition, takenBefore, perPartition - takenBefore);
            await CommitAsync(records);
        }

        await b.ShutdownAsync();
        await a.ShutdownAsync();
    }

    // Follows alpakka-kafka's RebalanceSpec "no messages should be lost when two consumers consume from one
    // topic and two partitions and one consumer aborts mid-stream", with a third member joining first.
    [Fact]
    public async Task No_messages_are_lost_when_a_consumer_joins_and_another_aborts_mid_stream_and_only_uncommitted_ones_come_again()
    {
        const int perPhase = 50;
        const int uncommitted = 10;
        var topic = kafka.CreateUniqueTopic("membership");
        var group = KafkaClusterFixture.UniqueGroupId("membership");
        var committed = new long[3];

        // Each partition's owner takes every record up to `end`: they must start exactly at the partition's
        // committed offset. It commits all but the last `uncommitted` of them.
        async Task TakeUpTo(int end, bool commitAll, params PartitionProbes[] members)
        {
            for (var partition = 0; partition < 3; partition++)
            {
                var records = await Owner(partition, members).TakeAsync(partition, (int)(end - committed[partition]));
                AssertOffsets(records, partition, committed[partition], (int)(end - committed[partition]));
                var toCommit = commitAll ? records : records.SkipLast(uncommitted).ToList();
                await CommitAsync(toCommit);
                committed[partition] = toCommit[^1].Record.Offset.Value + 1;
            }
        }

        // A's late records stay uncommitted when it aborts: a short stop-timeout lets its shutdown give up on them.
        var a = Member(topic, group, "A", stopTimeout: TimeSpan.FromSeconds(1));
        var b = Member(topic, group, "B");
        await Eventually.TrueAsync(() => SplitBetween(a, b), Patience, "A and B split the 3 partitions");
        await ProduceAsync(topic, 3, perPhase);
        await TakeUpTo(perPhase, commitAll: false, a, b);

        // A third member joins while records flow; what was handled but not committed comes again.
        var c = Member(topic, group, "C");
        await ProduceAsync(topic, 3, perPhase, startAt: perPhase);
        await Eventually.TrueAsync(() => SplitBetween(a, b, c), Patience, "A, B and C split the 3 partitions");
        await TakeUpTo(2 * perPhase, commitAll: false, a, b, c);

        // A aborts mid-stream, with records it handled but did not commit.
        await ProduceAsync(topic, 3, perPhase, startAt: 2 * perPhase);
        await a.ShutdownAsync();
        await Eventually.TrueAsync(() => SplitBetween(b, c), Patience, "B and C split the 3 partitions");
        await TakeUpTo(3 * perPhase, commitAll: true, b, c);

        Assert.All(Committed(group, topic, 3).Values, offset => Assert.Equal(3 * perPhase, offset));
        await b.ShutdownAsync();
        await c.ShutdownAsync();
    }

    private PartitionProbes Member(string topic, string group, string name, int bufferSize = 1000, TimeSpan? stopTimeout = null)
    {
        var settings = ConsumerSettings(group, name, bufferSize, sessionTimeoutMs: 3000);
        return PartitionProbes.Start(this, stopTimeout is { } timeout ? settings.WithStopTimeout(timeout) : settings, topic, Materializer, Patience);
    }

    // Every partition assigned to exactly one of the members, each member with at least one.
    private static bool SplitBetween(params PartitionProbes[] members)
    {
        var assigned = members.Select(m => m.Control.AssignedPartitions.Select(p => p.Partition.Value).ToList()).ToList();
        return assigned.All(p => p.Count > 0) && assigned.Sum(p => p.Count) == 3 && assigned.SelectMany(p => p).Distinct().Count() == 3;
    }

    private static PartitionProbes Owner(int partition, params PartitionProbes[] members) =>
        members.Single(m => m.Control.AssignedPartitions.Any(p => p.Partition.Value == partition));

    private static void AssertOffsets(List<CommittableMessage<string, string>> records, int partition, long first, int count)
    {
        Assert.All(records, r => Assert.Equal(partition, r.Record.Partition.Value));
        Assert.Equal(Enumerable.Range(0, count).Select(n => first + n), records.Select(r => r.Record.Offset.Value));
    }
}
