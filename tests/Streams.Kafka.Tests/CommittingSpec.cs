using System.Collections.Concurrent;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Internal;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

/// <summary>
/// The batching committer's own logic, without a broker: offsets go to a recording consumer
/// channel. Follows alpakka-kafka's CommittingSpec.
/// </summary>
public sealed class CommittingSpec(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    private static readonly TopicPartition Partition = new("committing", 0);

    private readonly RecordingChannel _channel = new();

    [Fact]
    public async Task Work_with_a_committer_batch_flow_even_with_upstream_failure()
    {
        var materializer = Sys.Materializer();
        await this.AssertAllStagesStoppedAsync(
            async () =>
            {
                // A long interval and a large batch: nothing is committed until upstream ends.
                var settings = CommitterSettings.Create(Sys).WithMaxBatch(1000).WithMaxInterval(TimeSpan.FromMinutes(1));
                var (upstream, downstream) = this.SourceProbe<ICommittable>()
                    .Via(Committer.BatchFlow(settings))
                    .ToMaterialized(this.SinkProbe<CommittableOffsetBatch>(), Keep.Both)
                    .Run(materializer);
                downstream.Request(10);
                for (var offset = 0; offset < 5; offset++)
                {
                    await upstream.SendNextAsync(Offset(offset));
                }

                var failure = new InvalidOperationException("processing failed");
                await upstream.SendErrorAsync(failure);

                // The offsets batched before the failure are committed first, then the original error comes.
                Assert.Same(failure, await downstream.ExpectErrorAsync());
                Assert.Equal([4L], _channel.Committed.Select(o => o.Offset));
            },
            materializer);
    }

    [Fact]
    public async Task Fail_with_the_upstream_error_even_when_committing_the_pending_batch_fails()
    {
        var materializer = Sys.Materializer();
        await this.AssertAllStagesStoppedAsync(
            async () =>
            {
                _channel.FailWith = new CommitFailedException("consumer closed");
                var settings = CommitterSettings.Create(Sys).WithMaxBatch(1000).WithMaxInterval(TimeSpan.FromMinutes(1));
                var (upstream, completion) = this.SourceProbe<ICommittable>()
                    .ToMaterialized(Committer.Sink(settings), Keep.Both)
                    .Run(materializer);
                await upstream.SendNextAsync(Offset(0));
                await upstream.SendErrorAsync(new InvalidOperationException("processing failed"));

                var error = await Assert.ThrowsAsync<InvalidOperationException>(() => completion.WaitAsync(TimeSpan.FromSeconds(10)));
                Assert.Equal("processing failed", error.Message);
                Assert.Single(_channel.Attempts);
            },
            materializer);
    }

    [Fact]
    public async Task Commit_every_batch_and_complete_after_the_last_one_when_upstream_completes()
    {
        var materializer = Sys.Materializer();
        await this.AssertAllStagesStoppedAsync(
            async () =>
            {
                var settings = CommitterSettings.Create(Sys).WithMaxBatch(2).WithMaxInterval(TimeSpan.FromMinutes(1));
                var (upstream, downstream) = this.SourceProbe<ICommittable>()
                    .Via(Committer.BatchFlow(settings))
                    .ToMaterialized(this.SinkProbe<CommittableOffsetBatch>(), Keep.Both)
                    .Run(materializer);
                downstream.Request(10);
                for (var offset = 0; offset < 5; offset++)
                {
                    await upstream.SendNextAsync(Offset(offset));
                }

                await upstream.SendCompleteAsync();
                Assert.Equal([1L], (await downstream.ExpectNextAsync()).Offsets.Select(o => o.Offset));
                Assert.Equal([3L], (await downstream.ExpectNextAsync()).Offsets.Select(o => o.Offset));
                Assert.Equal([4L], (await downstream.ExpectNextAsync()).Offsets.Select(o => o.Offset));
                await downstream.ExpectCompleteAsync();
                Assert.Equal([1L, 3L, 4L], _channel.Committed.Select(o => o.Offset));
            },
            materializer);
    }

    private CommittableOffset Offset(long offset) => new(_channel, Partition, offset, assignmentEpoch: 1);

    /// <summary>A consumer seen from the committer: records what it is asked to commit.</summary>
    private sealed class RecordingChannel : ICommitterChannel
    {
        private readonly ConcurrentQueue<CommittableOffset> _committed = new();
        private readonly ConcurrentQueue<IReadOnlyList<CommittableOffset>> _attempts = new();

        public string GroupId => "committing";

        public Exception? FailWith { get; set; }

        public IReadOnlyList<CommittableOffset> Committed => [.. _committed];

        public IReadOnlyList<IReadOnlyList<CommittableOffset>> Attempts => [.. _attempts];

        public Task CommitAsync(IReadOnlyList<CommittableOffset> offsets)
        {
            _attempts.Enqueue(offsets);
            if (FailWith is { } failure)
            {
                return Task.FromException(failure);
            }

            foreach (var offset in offsets)
            {
                _committed.Enqueue(offset);
            }

            return Task.CompletedTask;
        }
    }
}
