using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Akka.TestKit;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Internal;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;

namespace SignupEmail.Streams.Kafka.Tests;

/// <summary>
/// One member of a consumer group under test: a committable partitioned source whose every
/// sub-source runs into its own stream probe, so the test decides per partition how many records
/// are requested and taken (nothing flows that the test did not request). Sub-sources are kept per
/// partition in the order the source emitted them: taking follows a partition across revokes and
/// re-assignments, reading each sub-source to its end before the next.
/// </summary>
internal sealed class PartitionProbes
{
    private readonly TestSubscriber.Probe<(int Partition, TestSubscriber.Probe<CommittableMessage<string, string>> Records)> _subSources;
    private readonly Dictionary<int, Queue<TestSubscriber.Probe<CommittableMessage<string, string>>>> _byPartition = [];
    private readonly SemaphoreSlim _subSourcesLock = new(1, 1);
    private readonly TimeSpan _patience;

    private PartitionProbes(
        IControl control,
        TestSubscriber.Probe<(int Partition, TestSubscriber.Probe<CommittableMessage<string, string>> Records)> subSources,
        TimeSpan patience)
    {
        Control = control;
        _subSources = subSources;
        _patience = patience;
    }

    public IControl Control { get; }

    /// <summary>The poll loop behind <see cref="Control"/>, for its internal counters.</summary>
    public ConsumerPollLoop<string, string> Loop => (ConsumerPollLoop<string, string>)Control;

    public static PartitionProbes Start(TestKitBase testKit, ConsumerSettings<string, string> settings, string topic, IMaterializer materializer, TimeSpan patience)
    {
        var (control, subSources) = Consumer.CommittablePartitionedSource(settings, Subscription.ToTopics(topic))
            .Select(pair => (pair.Partition.Partition.Value, pair.Source.RunWith(testKit.SinkProbe<CommittableMessage<string, string>>(), materializer)))
            .ToMaterialized(testKit.SinkProbe<(int, TestSubscriber.Probe<CommittableMessage<string, string>>)>(), Keep.Both)
            .Run(materializer);
        subSources.Request(long.MaxValue);
        return new PartitionProbes(control, subSources, patience);
    }

    /// <summary>Waits for the next sub-source the consumer emits, of any partition, and returns its partition.</summary>
    public async Task<int> NextSubSourceAsync()
    {
        await _subSourcesLock.WaitAsync();
        try
        {
            return await TakeSubSourceAsync();
        }
        finally
        {
            _subSourcesLock.Release();
        }
    }

    /// <summary>
    /// Requests and takes the next <paramref name="count"/> records of <paramref name="partition"/>,
    /// each within the patience; where a sub-source completes first, goes on with the partition's next
    /// one. Fails on a sub-source's error. Safe to call for different partitions at the same time.
    /// </summary>
    public async Task<List<CommittableMessage<string, string>>> TakeAsync(int partition, int count)
    {
        var taken = new List<CommittableMessage<string, string>>(count);
        while (taken.Count < count)
        {
            var records = await CurrentAsync(partition);
            records.Request(count - taken.Count);
            while (taken.Count < count)
            {
                var next = await records.ExpectEventAsync(_patience);
                if (next is TestSubscriber.OnNext<CommittableMessage<string, string>> record)
                {
                    taken.Add(record.Element);
                    continue;
                }

                if (next is TestSubscriber.OnError error)
                {
                    throw new InvalidOperationException($"the sub-source of partition {partition} failed", error.Cause);
                }

                Assert.IsType<TestSubscriber.OnComplete>(next);
                Dequeue(partition);
                break;
            }
        }

        return taken;
    }

    /// <summary>
    /// Every sub-source of <paramref name="partition"/> received so far but the newest completes
    /// without emitting another record: at most one is live.
    /// </summary>
    public async Task ExpectOnlyNewestLiveAsync(int partition)
    {
        while (Queue(partition).Count > 1)
        {
            await ExpectOldestCompletesAsync(partition);
        }

        Assert.Single(Queue(partition));
    }

    /// <summary>
    /// The oldest sub-source of <paramref name="partition"/> not yet read to its end completes without
    /// emitting another record, although a record is requested (e.g. after its partition was revoked).
    /// </summary>
    public async Task ExpectOldestCompletesAsync(int partition)
    {
        var oldest = Current(partition) ?? throw new InvalidOperationException($"no sub-source of partition {partition} to complete");
        oldest.Request(1);
        var next = await oldest.ExpectEventAsync(_patience);
        Assert.True(next is TestSubscriber.OnComplete, $"an older sub-source of partition {partition} signalled {next} instead of completing");
        Dequeue(partition);
    }

    /// <summary>The sub-source of <paramref name="partition"/> received first and not yet read to its end, if any.</summary>
    public TestSubscriber.Probe<CommittableMessage<string, string>>? Current(int partition)
    {
        lock (_byPartition)
        {
            return Queue(partition).TryPeek(out var records) ? records : null;
        }
    }

    /// <summary>No sub-source arrives within <paramref name="wait"/>.</summary>
    public Task ExpectNoNewSubSourceAsync(TimeSpan wait) => _subSources.ExpectNoMsgAsync(wait);

    /// <summary>
    /// Shuts the consumer down (<see cref="IControl.Shutdown"/>), then checks that the source completed
    /// rather than failed; sub-sources it emitted and nobody took complete with it.
    /// </summary>
    public async Task ShutdownAsync()
    {
        await Control.Shutdown().WaitAsync(_patience);
        while (true)
        {
            var next = await _subSources.ExpectEventAsync(_patience);
            if (next is TestSubscriber.OnError error)
            {
                throw new InvalidOperationException("the partitioned source failed", error.Cause);
            }

            if (next is TestSubscriber.OnComplete)
            {
                return;
            }
        }
    }

    private async Task<TestSubscriber.Probe<CommittableMessage<string, string>>> CurrentAsync(int partition)
    {
        while (true)
        {
            if (Current(partition) is { } records)
            {
                return records;
            }

            await _subSourcesLock.WaitAsync();
            try
            {
                // Another caller may have taken this partition's sub-source from the source meanwhile.
                if (Current(partition) is null)
                {
                    await TakeSubSourceAsync();
                }
            }
            finally
            {
                _subSourcesLock.Release();
            }
        }
    }

    private async Task<int> TakeSubSourceAsync()
    {
        var (partition, records) = await _subSources.ExpectNextAsync(_patience);
        lock (_byPartition)
        {
            Queue(partition).Enqueue(records);
        }

        return partition;
    }

    private TestSubscriber.Probe<CommittableMessage<string, string>> Dequeue(int partition)
    {
        lock (_byPartition)
        {
            return Queue(partition).Dequeue();
        }
    }

    private Queue<TestSubscriber.Probe<CommittableMessage<string, string>>> Queue(int partition)
    {
        lock (_byPartition)
        {
            if (!_byPartition.TryGetValue(partition, out var queue))
            {
                queue = new Queue<TestSubscriber.Probe<CommittableMessage<string, string>>>();
                _byPartition[partition] = queue;
            }

            return queue;
        }
    }
}
