using System.Diagnostics;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class DrainAndShutdownSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : ConsumerSpecBase(kafka.Cluster, output)
{
    [Fact]
    public async Task Drain_and_shutdown_commits_everything_processed_leaves_the_group_and_is_safe_to_call_twice()
    {
        const int perPartition = 3000;
        var topic = kafka.CreateUniqueTopic("drain");
        var group = KafkaClusterFixture.UniqueGroupId("drain");
        await ProduceAsync(topic, 3, perPartition);

        // Mid-stream: records are being processed (1 ms each) when draining starts; the committer batches per second.
        var consumer = RunningConsumer.Start("A", ConsumerSettings(group, "A", sessionTimeoutMs: 3000), CommitterSettings(maxBatch: 1000, maxIntervalMs: 1000), topic, Materializer, _ => Task.Delay(1));
        await Eventually.TrueAsync(() => consumer.Records.Count > 300, Patience, "processing is under way");

        Cluster.StartRequestTracking();
        IReadOnlyList<SignupEmail.EmbeddedKafka.MockRequest> requests;
        var clock = Stopwatch.StartNew();
        try
        {
            var drained = consumer.Control.DrainAndShutdown();
            var again = consumer.Control.DrainAndShutdown();
            await drained;
            await again;
            clock.Stop();
            requests = Cluster.GetRequests();
        }
        finally
        {
            Cluster.StopRequestTracking();
        }

        // Closing the consumer left the group. (The mock cluster still makes the next member wait about a
        // session timeout, measured with plain Confluent consumers too, so the join time proves nothing here.)
        Assert.Contains(requests, r => r.ApiKey == SignupEmail.EmbeddedKafka.KafkaApiKey.LeaveGroup);
        Output?.WriteLine($"drained in {clock.ElapsedMilliseconds} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"draining took {clock.Elapsed}, more than stop-timeout");
        Assert.True(consumer.Control.IsShutdown.IsCompletedSuccessfully);
        Assert.Empty(consumer.Control.AssignedPartitions);

        // Committed = processed: the highest processed offset + 1 of every partition, no more, no less.
        var processed = consumer.Records.All.GroupBy(r => r.Partition).ToDictionary(g => g.Key, g => g.Max(r => r.Offset) + 1);
        Assert.True(processed.Values.Sum() < 3 * perPartition, "draining started before everything was consumed");
        var committed = Committed(group, topic, 3);
        for (var p = 0; p < 3; p++)
        {
            Assert.Equal(processed.GetValueOrDefault(p, Offset.Unset.Value), committed[p]);
        }

        // A newcomer starts exactly where the drained consumer stopped, and takes the rest.
        var (next, messages) = ConsumeIntoProbe(ConsumerSettings(group, "B", sessionTimeoutMs: 3000), topic);
        var rest = await TakeAsync(messages, (int)(3 * perPartition - processed.Values.Sum()));
        await CommitAsync(rest);
        messages.Cancel();
        await next.IsShutdown.WaitAsync(Patience);
        for (var p = 0; p < 3; p++)
        {
            var offsets = rest.Where(m => m.Record.Partition.Value == p).Select(m => m.Record.Offset.Value).ToList();
            var first = (int)processed.GetValueOrDefault(p, 0);
            Assert.Equal(Enumerable.Range(first, perPartition - first).Select(o => (long)o), offsets);
        }
    }

    [Fact]
    public async Task Drain_and_shutdown_gives_up_after_stop_timeout_when_the_stream_does_not_finish_and_still_closes_the_consumer()
    {
        var topic = kafka.CreateUniqueTopic("drain-stuck");
        var group = KafkaClusterFixture.UniqueGroupId("drain-stuck");
        await ProduceAsync(topic, 3, 10);
        var stuck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var settings = ConsumerSettings(group, "stuck").WithStopTimeout(TimeSpan.FromSeconds(2));
        var entered = 0;
        var consumer = RunningConsumer.Start("stuck", settings, CommitterSettings(), topic, Materializer, _ =>
        {
            Interlocked.Increment(ref entered);
            return stuck.Task;
        });
        await Eventually.TrueAsync(() => Volatile.Read(ref entered) == 3, Patience, "every sub-stream is stuck on its first record");

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAsync<TimeoutException>(() => consumer.Control.DrainAndShutdown());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(15));
        await consumer.Control.IsShutdown.WaitAsync(Patience);
        stuck.SetResult();
    }
}
