using System.Collections.Immutable;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Akka.TestKit;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;

namespace SignupEmail.Streams.Kafka.Tests;

/// <summary>A record a <see cref="CommittingMember"/> processed, told to the test's probe.</summary>
internal sealed record Processed(string Member, int Partition, long Offset);

/// <summary>
/// One member of a consumer group under test, run the way the Email node runs it: every partition
/// sub-source its own stream that processes each record (the test's function), then tells <see cref="Processed"/> to the test's
/// actor probe and ends in a committer batch flow. The sub-streams' results (the batches each
/// committed) arrive on a stream probe as the sub-streams finish; a failed sub-stream fails it.
/// </summary>
internal sealed class CommittingMember
{
    private readonly TestSubscriber.Probe<IImmutableList<CommittableOffsetBatch>> _subStreams;

    private CommittingMember(DrainingControl<Done> control, TestSubscriber.Probe<IImmutableList<CommittableOffsetBatch>> subStreams)
    {
        Control = control;
        _subStreams = subStreams;
    }

    /// <summary>Draining completes once every sub-stream finished its in-flight records and commits.</summary>
    public DrainingControl<Done> Control { get; }

    public static CommittingMember Start(
        TestKitBase testKit,
        string name,
        ConsumerSettings<string, string> settings,
        CommitterSettings committerSettings,
        string topic,
        IMaterializer materializer,
        IActorRef processed,
        Func<CommittableMessage<string, string>, Task> process)
    {
        var ((control, completion), subStreams) = Consumer.CommittablePartitionedSource(settings, Subscription.ToTopics(topic))
            .SelectAsyncUnordered(1024, pair => pair.Source
                .SelectAsync(1, async message =>
                {
                    await process(message);
                    processed.Tell(new Processed(name, message.Record.Partition.Value, message.Record.Offset.Value));
                    return (ICommittable)message.CommittableOffset;
                })
                .Via(Committer.BatchFlow(committerSettings))
                .RunWith(Sink.Seq<CommittableOffsetBatch>(), materializer))
            .WatchTermination(Keep.Both)
            .ToMaterialized(testKit.SinkProbe<IImmutableList<CommittableOffsetBatch>>(), Keep.Both)
            .Run(materializer);
        subStreams.Request(long.MaxValue);
        return new CommittingMember(DrainingControl<Done>.Create(control, completion), subStreams);
    }

    /// <summary>
    /// After the member stopped: every sub-stream finished without failing (a failed commit would have
    /// failed it). Returns the highest committed offset (already + 1) per partition, as its committer acknowledged.
    /// </summary>
    public async Task<Dictionary<int, long>> ExpectSubStreamsFinishedAsync(TimeSpan patience)
    {
        var committed = new Dictionary<int, long>();
        while (true)
        {
            var next = await _subStreams.ExpectEventAsync(patience);
            switch (next)
            {
                case TestSubscriber.OnNext<IImmutableList<CommittableOffsetBatch>> subStream:
                    foreach (var offset in subStream.Element.SelectMany(batch => batch.Offsets))
                    {
                        committed[offset.Partition.Partition.Value] = Math.Max(committed.GetValueOrDefault(offset.Partition.Partition.Value), offset.Offset + 1);
                    }

                    break;
                case TestSubscriber.OnError error:
                    throw new InvalidOperationException("a sub-stream failed", error.Cause);
                default:
                    Assert.IsType<TestSubscriber.OnComplete>(next);
                    return committed;
            }
        }
    }
}
