using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class RebalanceSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : ConsumerSpecBase(kafka.Cluster, output)
{
    [Fact]
    public async Task A_partition_paused_when_revoked_and_assigned_again_at_once_is_not_left_paused_and_its_lag_returns_to_zero()
    {
        const int perPartition = 100;
        var topic = kafka.CreateUniqueTopic("reassign");
        var group = KafkaClusterFixture.UniqueGroupId("reassign");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await ProduceAsync(topic, 3, perPartition);

        // A buffers 10 records per partition and processes none yet: every partition ends up paused.
        var a = RunningConsumer.Start("A", Settings(group, "A", bufferSize: 10), CommitterSettings(), topic, Materializer, _ => gate.Task);
        await Eventually.TrueAsync(() => a.Loop.PeakBuffered.Count == 3 && a.Loop.PeakBuffered.Values.All(v => v == 10), Patience, "every partition of A fills its buffer");

        // B joins: the group rebalances, A's partitions are revoked and most of them assigned straight back;
        // B leaves as soon as it has its share, and A gets everything back.
        var revokesBefore = a.SubStreams.Count;
        var b = RunningConsumer.Start("B", Settings(group, "B"), CommitterSettings(), topic, Materializer, _ => Task.Delay(Timeout.Infinite));
        await Eventually.TrueAsync(() => b.Control.AssignedPartitions.Count > 0, Patience, "B gets partitions");
        await b.Control.Shutdown().WaitAsync(Patience);
        await Eventually.TrueAsync(() => a.Control.AssignedPartitions.Count == 3 && a.SubStreams.Count > revokesBefore, Patience, "A owns all partitions again");

        gate.SetResult();
        await Eventually.TrueAsync(() => a.Records.DistinctCount == 3 * perPartition, Patience, "A consumes every record once it processes again");
        await Eventually.TrueAsync(
            async () =>
            {
                var lag = await a.Control.GetPartitionLagAsync();
                return lag.Count == 3 && lag.All(l => l.LagFromCommitted == 0 && l.LagFromPosition == 0);
            },
            Patience,
            "lag (from committed and from position) returns to 0 on every partition");
        Assert.All(a.Loop.PeakBuffered.Values, peak => Assert.True(peak <= 10, $"buffered {peak} > buffer-size 10"));
        await a.Control.DrainAndShutdown().WaitAsync(Patience);
    }

    [Fact]
    public async Task After_a_revoke_the_old_owner_emits_no_more_records_of_that_partition()
    {
        const int perPartition = 2000;
        var topic = kafka.CreateUniqueTopic("revoke");
        var group = KafkaClusterFixture.UniqueGroupId("revoke");
        await ProduceAsync(topic, 3, perPartition);

        // A is slow (a full buffer of 1000 records per partition waits) when B joins.
        var a = RunningConsumer.Start("A", Settings(group, "A"), CommitterSettings(), topic, Materializer, _ => Task.Delay(2));
        await Eventually.TrueAsync(() => a.Loop.PeakBuffered.Count == 3 && a.Loop.PeakBuffered.Values.All(v => v >= 500), Patience, "A has a backlog buffered for every partition");
        var b = RunningConsumer.Start("B", Settings(group, "B"), CommitterSettings(), topic, Materializer);
        await Eventually.TrueAsync(() => b.Records.Count > 0, Patience, "B consumes the partitions it took over");
        var moved = b.Control.AssignedPartitions.Select(p => p.Partition.Value).ToList();
        Assert.NotEmpty(moved);

        // Let A run on for a while: if it still emitted records of a moved partition, they would show up now.
        var aBefore = a.Records.Count;
        await Eventually.TrueAsync(() => a.Records.Count >= aBefore + 200 || a.Records.DistinctCount == 3 * perPartition, Patience, "A keeps processing its own partitions");

        foreach (var partition in moved)
        {
            var firstOfB = b.Records.All.Where(r => r.Partition == partition).Select(r => r.EmittedAt).DefaultIfEmpty(long.MaxValue).Min();
            var lateOfA = a.Records.All.Where(r => r.Partition == partition && r.EmittedAt >= firstOfB).ToList();
            Assert.True(lateOfA.Count == 0, $"A emitted {lateOfA.Count} record(s) of partition {partition} after B started on it, e.g. offset {lateOfA.FirstOrDefault().Offset}");
            Assert.DoesNotContain(a.Live, s => s.Partition == partition);
        }

        await b.Control.DrainAndShutdown().WaitAsync(Patience);
        await a.Control.DrainAndShutdown().WaitAsync(Patience);
    }

    [Fact]
    public async Task Members_joining_and_leaving_lose_nothing_and_redeliver_only_what_was_not_committed()
    {
        const int perPhase = 150;
        var topic = kafka.CreateUniqueTopic("membership");
        var group = KafkaClusterFixture.UniqueGroupId("membership");
        var committer = CommitterSettings(maxBatch: 20, maxIntervalMs: 100);
        await using var committed = new CommittedOffsetsWatcher(kafka.BootstrapServers, group, topic, 3);
        var a = RunningConsumer.Start("A", Settings(group, "A"), committer, topic, Materializer, _ => Task.Delay(1));
        var b = RunningConsumer.Start("B", Settings(group, "B"), committer, topic, Materializer, _ => Task.Delay(1));
        await Eventually.TrueAsync(
            () => a.Control.AssignedPartitions.Count + b.Control.AssignedPartitions.Count == 3 && a.Control.AssignedPartitions.Count > 0 && b.Control.AssignedPartitions.Count > 0,
            Patience,
            "A and B split the 3 partitions");
        await ProduceAsync(topic, 3, perPhase);

        // A third member joins while records flow.
        var c = RunningConsumer.Start("C", Settings(group, "C"), committer, topic, Materializer, _ => Task.Delay(1));
        await ProduceAsync(topic, 3, perPhase, startAt: perPhase);
        await Eventually.TrueAsync(() => c.Control.AssignedPartitions.Count > 0, Patience, "C gets a partition");

        // A leaves abruptly (no draining): what it processed but did not commit is redelivered.
        await ProduceAsync(topic, 3, perPhase, startAt: 2 * perPhase);
        await a.Control.Shutdown().WaitAsync(Patience);
        await ProduceAsync(topic, 3, perPhase, startAt: 3 * perPhase);

        var consumers = new[] { a, b, c };
        var expected = Enumerable.Range(0, 3).SelectMany(p => Enumerable.Range(0, 4 * perPhase).Select(o => (p, (long)o))).ToHashSet();
        await Eventually.TrueAsync(
            () => expected.IsSubsetOf(consumers.SelectMany(x => x.Records.Distinct())),
            Patience,
            "every produced record is processed by some member");

        // A record processed again must not have been committed (as the brokers saw it) before it was redelivered.
        var processed = consumers.SelectMany(x => x.Records.All).OrderBy(r => r.EmittedAt).ToList();
        var seen = new HashSet<(int, long)>();
        var duplicates = 0;
        foreach (var record in processed)
        {
            if (seen.Add((record.Partition, record.Offset)))
            {
                continue;
            }

            duplicates++;
            var committedBefore = committed.CommittedBefore(record.Partition, record.EmittedAt);
            Assert.True(record.Offset >= committedBefore, $"{record.Partition}@{record.Offset} was redelivered although offset {committedBefore} had been committed");
        }

        Output?.WriteLine($"{processed.Count} processed, {duplicates} duplicates");
        // A was shut down without draining: its sub-streams' late commits fail, the others must not.
        Assert.All(new[] { b, c }.SelectMany(x => x.SubStreams), s => Assert.Null(s.Failure));
        await b.Control.DrainAndShutdown().WaitAsync(Patience);
        await c.Control.DrainAndShutdown().WaitAsync(Patience);
    }

    private Settings.ConsumerSettings<string, string> Settings(string group, string name, int bufferSize = 1000) =>
        ConsumerSettings(group, name, bufferSize, sessionTimeoutMs: 3000);
}
