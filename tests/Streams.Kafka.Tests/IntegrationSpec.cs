using System.Collections.Concurrent;
using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

/// <summary>
/// How a partitioned source ends when one of its sub-streams fails or the control shuts it down
/// while the others still commit. Follows alpakka-kafka's IntegrationSpec and ControlSpec.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class IntegrationSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : ConsumerSpecBase(kafka.Cluster, output)
{
    private readonly ConcurrentDictionary<int, long> _emitted = new();

    [Fact]
    public async Task Handle_exceptions_in_stream_without_commit_failures()
    {
        const int perPartition = 500;
        var topic = kafka.CreateUniqueTopic("sub-stream-failure");
        var group = KafkaClusterFixture.UniqueGroupId("sub-stream-failure");
        await ProduceAsync(topic, 3, perPartition);
        var failure = new InvalidOperationException("boom");
        var thrown = 0;
        var subStreams = new ConcurrentQueue<(int Partition, Task<Done> Completion)>();

        // Every sub-stream commits record by record; the one of partition 1 fails at offset 100
        // while the others have commits on their way.
        var (control, outer) = Consumer.CommittablePartitionedSource(ConsumerSettings(group), Subscription.ToTopics(topic))
            .SelectAsyncUnordered(3, pair =>
            {
                var partition = pair.Partition.Partition.Value;
                var completion = pair.Source
                    .Select(message =>
                    {
                        if (partition == 1 && message.Record.Offset.Value == 100 && Interlocked.Exchange(ref thrown, 1) == 0)
                        {
                            throw failure;
                        }

                        NoteEmitted(message);
                        return message;
                    })
                    .SelectAsync(1, async message =>
                    {
                        await Task.Delay(1);
                        return (ICommittable)message.CommittableOffset;
                    })
                    .RunWith(Committer.Sink(CommitterSettings(maxBatch: 1)), Materializer);
                subStreams.Enqueue((partition, completion));
                return completion;
            })
            .ToMaterialized(this.SinkProbe<Done>(), Keep.Both)
            .Run(Materializer);
        outer.Request(10);

        // Partition 1's sub-stream fails, and with it the outer stream.
        var error = Assert.IsType<TestSubscriber.OnError>(await outer.ExpectEventAsync(Patience)).Cause;
        Assert.Same(failure, error is AggregateException aggregate ? aggregate.GetBaseException() : error);
        await control.IsShutdown.WaitAsync(Patience);

        // The healthy sub-streams finished and committed everything they were emitted: no commit failed.
        var failed = subStreams.Where(s => s.Completion.IsFaulted).ToList();
        var notFailure = failed.Select(s => s.Completion.Exception!.GetBaseException()).Where(e => !ReferenceEquals(e, failure)).ToList();
        Assert.True(notFailure.Count == 0, $"sub-streams failed with {string.Join("; ", notFailure.Select(e => e.Message))}");
        Assert.Single(failed);
        await Task.WhenAll(subStreams.Where(s => !s.Completion.IsFaulted).Select(s => s.Completion)).WaitAsync(Patience);
        var committed = Committed(group, topic, 3);
        foreach (var partition in new[] { 0, 2 })
        {
            Assert.Equal(_emitted[partition] + 1, committed[partition]);
        }

        await AssertNoLeaksAsync();
    }

    [Fact]
    public async Task Shutdown_lets_committable_sinks_commit_what_they_were_handed()
    {
        const int perPartition = 2000;
        var topic = kafka.CreateUniqueTopic("shutdown-committable-sink");
        var outTopic = kafka.CreateUniqueTopic("shutdown-committable-sink-out");
        var group = KafkaClusterFixture.UniqueGroupId("shutdown-committable-sink");
        await ProduceAsync(topic, 3, perPartition);
        var producerSettings = ProducerSettings<string, string>.Create(Sys).WithBootstrapServers(kafka.BootstrapServers);
        var sinks = new ConcurrentQueue<Task<Done>>();
        var emitted = CreateTestProbe();

        // Consume → produce → commit per partition, slowly enough that records are in flight at the shutdown.
        var (control, outer) = Consumer.CommittablePartitionedSource(ConsumerSettings(group), Subscription.ToTopics(topic))
            .SelectAsyncUnordered(3, pair =>
            {
                var sink = pair.Source
                    .SelectAsync(1, async message =>
                    {
                        await Task.Delay(1);
                        NoteEmitted(message);
                        emitted.Ref.Tell(message.Record.Partition.Value);
                        return ProducerMessage.Single(
                            new ProducerRecord<string, string>(outTopic, message.Record.Message.Key, message.Record.Message.Value),
                            (ICommittable)message.CommittableOffset);
                    })
                    .RunWith(Producer.CommittableSink(producerSettings, CommitterSettings(maxBatch: 10, maxIntervalMs: 50)), Materializer);
                sinks.Enqueue(sink);
                return sink;
            })
            .ToMaterialized(this.SinkProbe<Done>(), Keep.Both)
            .Run(Materializer);
        outer.Request(10);
        // Every partition is being processed: 300 records are through, of every partition.
        var processing = new HashSet<int>();
        for (var n = 0; n < 300 || processing.Count < 3; n++)
        {
            processing.Add(await emitted.ExpectMsgAsync<int>(Patience));
        }

        await control.Shutdown().WaitAsync(Patience);

        // Shutdown commits what was handed to the committer: every sink finished without a commit failure.
        await Task.WhenAll(sinks).WaitAsync(Patience);
        Assert.True(_emitted.Values.Sum() < 3 * (perPartition - 1), "the shutdown came while records were in flight");
        var committed = Committed(group, topic, 3);
        for (var partition = 0; partition < 3; partition++)
        {
            Assert.Equal(_emitted[partition] + 1, committed[partition]);
        }

        await outer.ExpectNextNAsync(3).ToListAsync();
        await outer.ExpectCompleteAsync();
        await AssertNoLeaksAsync();
    }

    private void NoteEmitted(CommittableMessage<string, string> message) =>
        _emitted.AddOrUpdate(message.Record.Partition.Value, message.Record.Offset.Value, (_, seen) => Math.Max(seen, message.Record.Offset.Value));
}
