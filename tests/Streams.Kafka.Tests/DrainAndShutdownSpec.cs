using System.Diagnostics;
using Akka.Actor;
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
        var processed = CreateTestProbe();
        var consumer = CommittingMember.Start(this, "A", ConsumerSettings(group, "A", sessionTimeoutMs: 3000), CommitterSettings(maxBatch: 1000, maxIntervalMs: 1000), topic, Materializer, processed.Ref, _ => Task.Delay(1));
        var processedRecords = await processed.ReceiveNAsync(300, Patience).Cast<Processed>().ToListAsync();

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

        // Committed = processed: the highest processed offset + 1 of every partition, no more, no less,
        // as the committer acknowledged it and as the brokers hold it.
        var committedByConsumer = await consumer.ExpectSubStreamsFinishedAsync(Patience);
        // Every record was told to the probe before it went on to the committer, so before the stream finished.
        while (processed.HasMessages)
        {
            processedRecords.Add(await processed.ExpectMsgAsync<Processed>());
        }

        var processedUpTo = processedRecords.GroupBy(r => r.Partition).ToDictionary(g => g.Key, g => g.Max(r => r.Offset) + 1);
        Assert.True(processedUpTo.Values.Sum() < 3 * perPartition, "draining started before everything was consumed");
        var committed = Committed(group, topic, 3);
        for (var p = 0; p < 3; p++)
        {
            Assert.Equal(processedUpTo.GetValueOrDefault(p, Offset.Unset.Value), committed[p]);
            Assert.Equal(processedUpTo.GetValueOrDefault(p, Offset.Unset.Value), committedByConsumer.GetValueOrDefault(p, Offset.Unset.Value));
        }

        // A newcomer starts exactly where the drained consumer stopped, and takes the rest.
        var (next, messages) = ConsumeIntoProbe(ConsumerSettings(group, "B", sessionTimeoutMs: 3000), topic);
        var rest = await TakeAsync(messages, (int)(3 * perPartition - processedUpTo.Values.Sum()));
        await CommitAsync(rest);
        messages.Cancel();
        await next.IsShutdown.WaitAsync(Patience);
        for (var p = 0; p < 3; p++)
        {
            var offsets = rest.Where(m => m.Record.Partition.Value == p).Select(m => m.Record.Offset.Value).ToList();
            var first = (int)processedUpTo.GetValueOrDefault(p, 0);
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
        var entered = CreateTestProbe();
        var consumer = CommittingMember.Start(this, "stuck", settings, CommitterSettings(), topic, Materializer, entered.Ref, message =>
        {
            entered.Ref.Tell(message.Record.Partition.Value);
            return stuck.Task;
        });
        Assert.Equal([0, 1, 2], (await entered.ReceiveNAsync(3, Patience).Cast<int>().ToListAsync()).Order());

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAsync<TimeoutException>(() => consumer.Control.DrainAndShutdown());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(15));
        await consumer.Control.IsShutdown.WaitAsync(Patience);
        stuck.SetResult();
    }
}
