using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Confluent.Kafka;
using SignupEmail.EmbeddedKafka;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class CommitterSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : ConsumerSpecBase(kafka.Cluster, output)
{
    [Fact]
    public async Task Commits_rejected_by_a_rebalance_in_progress_are_retried_and_do_not_fail_the_stream()
    {
        const int perPartition = 50;
        var topic = kafka.CreateUniqueTopic("commit-retry");
        var group = KafkaClusterFixture.UniqueGroupId("commit-retry");
        await ProduceAsync(topic, 3, perPartition);

        Cluster.StartRequestTracking();
        try
        {
            // The next three OffsetCommit requests fail the way the mock answers during a rebalance.
            Cluster.PushRequestErrors(KafkaApiKey.OffsetCommit, ErrorCode.RebalanceInProgress, ErrorCode.RebalanceInProgress, ErrorCode.RebalanceInProgress);
            var (control, batches) = Consumer.CommittableSource(ConsumerSettings(group, "A"), Subscription.ToTopics(topic))
                .Select(m => (ICommittable)m.CommittableOffset)
                .Via(Committer.BatchFlow(CommitterSettings(maxBatch: 1000, maxIntervalMs: 100)))
                .ToMaterialized(this.SinkProbe<CommittableOffsetBatch>(), Keep.Both)
                .Run(Materializer);

            // Every batch comes out committed, none fails the stream.
            await TakeBatchesToTheEndAsync(batches, perPartition);
            Assert.All(Committed(group, topic, 3).Values, offset => Assert.Equal(perPartition, offset));
            var commitRequests = Cluster.GetRequests().Count(r => r.ApiKey == KafkaApiKey.OffsetCommit);
            Assert.True(commitRequests >= 4, $"expected the 3 rejected commits to be retried, saw {commitRequests} OffsetCommit requests");
            batches.Cancel();
            await control.IsShutdown.WaitAsync(Patience);
        }
        finally
        {
            Cluster.ClearRequestErrors(KafkaApiKey.OffsetCommit);
            Cluster.StopRequestTracking();
        }
    }

    // Follows alpakka-kafka's CommittingSpec "work even if the partition gets balanced away and is not
    // reassigned yet (#750)", under load: commits keep going out while a second member's join rebalances the group.
    [Fact]
    public async Task Work_even_if_the_partition_gets_balanced_away_while_commits_are_in_flight()
    {
        const int perPartition = 1500;
        var topic = kafka.CreateUniqueTopic("commit-rebalance");
        var group = KafkaClusterFixture.UniqueGroupId("commit-rebalance");
        var processed = CreateTestProbe();

        // A commits every few records, so commits are in flight when B's join starts a rebalance.
        var committer = CommitterSettings(maxBatch: 5, maxIntervalMs: 20);
        var a = Member("A");
        await Eventually.TrueAsync(() => a.Control.AssignedPartitions.Count == 3, Patience, "A gets all partitions");
        var producing = ProduceAsync(topic, 3, perPartition);
        var seen = new HashSet<(int, long)>();
        while (seen.Count < 100)
        {
            await NextProcessedAsync();
        }

        var b = Member("B");
        while ((await NextProcessedAsync()).Member != "B")
        {
        }

        await producing;

        // Every record is processed by one of them (some twice: what A had not committed when it lost a partition).
        while (seen.Count < 3 * perPartition)
        {
            await NextProcessedAsync();
        }

        await a.Control.DrainAndShutdown().WaitAsync(Patience);
        await b.Control.DrainAndShutdown().WaitAsync(Patience);

        // No sub-stream failed (a failed commit fails its sub-stream); the committers acknowledged, and the
        // brokers hold, the end of every partition.
        var committedByA = await a.ExpectSubStreamsFinishedAsync(Patience);
        var committedByB = await b.ExpectSubStreamsFinishedAsync(Patience);
        Assert.NotEmpty(committedByB);
        Assert.All(Enumerable.Range(0, 3), p => Assert.Equal(perPartition, Math.Max(committedByA.GetValueOrDefault(p), committedByB.GetValueOrDefault(p))));
        Assert.All(Committed(group, topic, 3).Values, offset => Assert.Equal(perPartition, offset));

        CommittingMember Member(string name) =>
            CommittingMember.Start(this, name, ConsumerSettings(group, name, sessionTimeoutMs: 3000), committer, topic, Materializer, processed.Ref, _ => Task.Delay(1));

        async Task<Processed> NextProcessedAsync()
        {
            var record = await processed.ExpectMsgAsync<Processed>(Patience);
            seen.Add((record.Partition, record.Offset));
            return record;
        }
    }

    [Fact]
    public async Task A_restart_resumes_from_the_committed_offsets_and_the_committer_batches()
    {
        const int perPartition = 1000;
        var topic = kafka.CreateUniqueTopic("restart");
        var group = KafkaClusterFixture.UniqueGroupId("restart");
        await ProduceAsync(topic, 3, perPartition);
        var settings = ConsumerSettings(group, "first");
        var committer = CommitterSettings(maxBatch: 500, maxIntervalMs: 500);

        Cluster.StartRequestTracking();
        IReadOnlyList<SignupEmail.EmbeddedKafka.MockRequest> requests;
        var consumed = 0;
        try
        {
            // The committer's batches go to a probe: the first run is done once every partition's last offset was committed.
            var (control, batches) = Consumer.CommittableSource(settings, Subscription.ToTopics(topic))
                .Select(m => (ICommittable)m.CommittableOffset)
                .Via(Committer.BatchFlow(committer))
                .ToMaterialized(this.SinkProbe<CommittableOffsetBatch>(), Keep.Both)
                .Run(Materializer);
            consumed = await TakeBatchesToTheEndAsync(batches, perPartition);
            batches.Cancel();
            await control.IsShutdown.WaitAsync(Patience);
            requests = Cluster.GetRequests();
        }
        finally
        {
            Cluster.StopRequestTracking();
        }

        var commits = requests.Count(r => r.ApiKey == KafkaApiKey.OffsetCommit);
        Output?.WriteLine($"{commits} OffsetCommit requests for {consumed} records");
        Assert.Equal(3 * perPartition, consumed);
        Assert.InRange(commits, 1, consumed / 50);
        Assert.All(Committed(group, topic, 3).Values, offset => Assert.Equal(perPartition, offset));

        // More records; a new consumer of the same group starts exactly where the first one committed.
        await ProduceAsync(topic, 3, 100, startAt: perPartition);
        var (again, messages) = ConsumeIntoProbe(settings.WithProperty("client.id", "second"), topic);
        var second = await TakeAsync(messages, 300);
        await CommitAsync(second);
        messages.Cancel();
        await again.IsShutdown.WaitAsync(Patience);

        for (var p = 0; p < 3; p++)
        {
            var offsets = second.Where(m => m.Record.Partition.Value == p).Select(m => m.Record.Offset.Value).ToList();
            Assert.Equal(Enumerable.Range(perPartition, 100).Select(o => (long)o), offsets);
        }

        Assert.All(Committed(group, topic, 3).Values, offset => Assert.Equal(perPartition + 100, offset));
    }

    // Takes committed batches until the last offset of each of the 3 partitions is in one; returns how many offsets they held.
    private static async Task<int> TakeBatchesToTheEndAsync(TestSubscriber.Probe<CommittableOffsetBatch> batches, int perPartition)
    {
        var highest = new Dictionary<int, long>();
        var offsets = 0;
        batches.Request(long.MaxValue);
        while (highest.Count < 3 || highest.Values.Any(o => o < perPartition - 1))
        {
            var batch = await batches.ExpectNextAsync(Patience);
            offsets += batch.BatchSize;
            foreach (var offset in batch.Offsets)
            {
                highest[offset.Partition.Partition.Value] = Math.Max(highest.GetValueOrDefault(offset.Partition.Partition.Value, -1), offset.Offset);
            }
        }

        return offsets;
    }
}
