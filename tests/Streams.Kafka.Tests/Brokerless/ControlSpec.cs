using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Messages;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests.Brokerless;

/// <summary>
/// Stop, Shutdown and DrainAndShutdown of a committable source, on a consumer without a broker.
/// Follows alpakka-kafka's ControlSpec.
/// </summary>
public sealed class ControlSpec(ITestOutputHelper output) : BrokerlessSpecBase(output)
{
    [Fact]
    public async Task Stop_completes_the_source_and_keeps_the_consumer_committing_until_shutdown()
    {
        var (control, messages) = RunCommittableSource();
        var taken = await TakeAsync(messages, 5);

        await control.Stop().WaitAsync(Patience);
        await messages.ExpectCompleteAsync();

        await CommittableOffsetBatch.Create(taken.Select(m => (ICommittable)m.CommittableOffset)).CommitAsync().WaitAsync(Patience);
        Assert.Equal([new TopicPartitionOffset(Fake.Partition(0), 5)], Fake.Commits.Single());
        Assert.False(Fake.IsClosed, "Stop closed the consumer");

        await control.Shutdown().WaitAsync(Patience);
        Assert.True(Fake.IsClosed);
    }

    [Fact]
    public async Task Drain_and_shutdown_stops_waits_for_the_stream_then_shuts_down_and_returns_its_result()
    {
        var (control, messages) = RunCommittableSource();
        var taken = await TakeAsync(messages, 5);
        var stream = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var drained = control.DrainAndShutdown(stream.Task);
        await messages.ExpectCompleteAsync();
        Assert.False(drained.IsCompleted, "DrainAndShutdown did not wait for the stream");

        // The stream finishes its records and commits them on the consumer that is still open; then it closes.
        await CommittableOffsetBatch.Create(taken.Select(m => (ICommittable)m.CommittableOffset)).CommitAsync().WaitAsync(Patience);
        stream.SetResult(42);
        Assert.Equal(42, await drained.WaitAsync(Patience));
        Assert.Equal([new TopicPartitionOffset(Fake.Partition(0), 5)], Fake.Commits.Single());
        Assert.True(Fake.IsClosed);
        await control.IsShutdown.WaitAsync(Patience);
    }

    [Fact]
    public async Task Drain_and_shutdown_fails_with_the_streams_error_and_still_shuts_down()
    {
        var (control, messages) = RunCommittableSource();
        await TakeAsync(messages, 5);
        var failure = new InvalidOperationException("stream failed");

        var drained = control.DrainAndShutdown(Task.FromException<int>(failure));

        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => drained.WaitAsync(Patience)));
        await control.IsShutdown.WaitAsync(Patience);
        Assert.True(Fake.IsClosed);
        messages.Request(1);
        await messages.ExpectCompleteAsync();
    }

    private (IControl Control, TestSubscriber.Probe<CommittableMessage<string, string>> Messages) RunCommittableSource()
    {
        Fake.Append(0, 5);
        Fake.Assign(0);
        return Consumer.CommittableSource(Settings(), Subscription.ToTopics("signups"))
            .ToMaterialized(this.SinkProbe<CommittableMessage<string, string>>(), Keep.Both)
            .Run(Materializer);
    }
}
