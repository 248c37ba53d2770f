using System.Collections.Concurrent;
using Akka.Configuration;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Confluent.Kafka;
using SignupEmail.EmbeddedKafka;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Internal;
using SignupEmail.Streams.Kafka.Settings;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

/// <summary>
/// What the consumer specs share: settings for the mock cluster, test data, offset bookkeeping, and
/// the stage-leak check that runs after every test.
/// </summary>
public abstract class ConsumerSpecBase : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private static readonly Akka.Configuration.Config TestConfig = ConfigurationFactory.ParseString("""
        akka.loglevel = INFO
        akka.stdout-loglevel = WARNING
        """);

    protected ConsumerSpecBase(EmbeddedKafkaCluster cluster, ITestOutputHelper output)
        : base(TestConfig, output: output)
    {
        Cluster = cluster;
        Materializer = Sys.Materializer();
    }

    private readonly ConcurrentBag<string> _groups = [];

    /// <summary>How long stages and consumers may take to stop after a test's last step.</summary>
    protected static TimeSpan LeakCheckPatience { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Generous: a rebalance on the mock cluster takes about session.timeout.ms, and the machine is shared.</summary>
    protected static TimeSpan Patience { get; } = TimeSpan.FromSeconds(60);

    protected EmbeddedKafkaCluster Cluster { get; }

    protected ActorMaterializer Materializer { get; }

    protected ConsumerSettings<string, string> ConsumerSettings(string groupId, string clientId = "consumer", int bufferSize = 1000, int sessionTimeoutMs = 6000)
    {
        _groups.Add(groupId);
        return ConsumerSettings<string, string>.Create(Sys)
            .WithBootstrapServers(Cluster.BootstrapServers)
            .WithGroupId(groupId)
            .WithProperty("client.id", clientId)
            .WithBufferSize(bufferSize)
            .WithStopTimeout(TimeSpan.FromSeconds(20))
            // Rebalances after the first take about session.timeout.ms on the mock cluster.
            .WithProperty("session.timeout.ms", sessionTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithProperty("heartbeat.interval.ms", (sessionTimeoutMs / 6).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // After every test, before the actor system goes: a test that leaves a stage or a consumer running fails.
    Task IAsyncLifetime.DisposeAsync() => AssertNoLeaksAsync();

    /// <summary>
    /// The stage-leak check: every stream stage of this test's materializer has stopped, and no poll
    /// thread (with its librdkafka handle) of a group this test used is alive.
    /// </summary>
    protected async Task AssertNoLeaksAsync()
    {
        await Eventually.TrueAsync(
            () => Task.FromResult(!LiveConsumers.Groups.Intersect(_groups).Any()),
            LeakCheckPatience,
            () => $"consumers of {string.Join(", ", LiveConsumers.Groups.Intersect(_groups))} are still alive");
        await this.AssertAllStagesStoppedAsync(() => Task.CompletedTask, Materializer, LeakCheckPatience);
    }

    /// <summary>
    /// Runs a committable source into a stream probe: the test takes the messages, checks them and
    /// commits what it chooses (e.g. with <see cref="CommitAsync"/>).
    /// </summary>
    protected (IControl Control, TestSubscriber.Probe<Messages.CommittableMessage<string, string>> Messages) ConsumeIntoProbe(ConsumerSettings<string, string> settings, string topic) =>
        Consumer.CommittableSource(settings, Subscription.ToTopics(topic))
            .ToMaterialized(this.SinkProbe<Messages.CommittableMessage<string, string>>(), Keep.Both)
            .Run(Materializer);

    /// <summary>Requests and takes the next <paramref name="count"/> messages, each within <see cref="Patience"/>.</summary>
    protected static async Task<List<Messages.CommittableMessage<string, string>>> TakeAsync(TestSubscriber.Probe<Messages.CommittableMessage<string, string>> probe, int count)
    {
        probe.Request(count);
        var messages = new List<Messages.CommittableMessage<string, string>>(count);
        for (var n = 0; n < count; n++)
        {
            messages.Add(await probe.ExpectNextAsync(Patience));
        }

        return messages;
    }

    /// <summary>Commits the offsets of <paramref name="messages"/> as one batch (the highest per partition).</summary>
    protected static Task CommitAsync(IEnumerable<Messages.CommittableMessage<string, string>> messages) =>
        Messages.CommittableOffsetBatch.Create(messages.Select(m => (Messages.ICommittable)m.CommittableOffset)).CommitAsync().WaitAsync(Patience);

    protected CommitterSettings CommitterSettings(int maxBatch = 100, int maxIntervalMs = 200) =>
        Settings.CommitterSettings.Create(Sys).WithMaxBatch(maxBatch).WithMaxInterval(TimeSpan.FromMilliseconds(maxIntervalMs));

    /// <summary>Produces <paramref name="perPartition"/> records to each partition; values are "p{partition}-{n}".</summary>
    protected async Task ProduceAsync(string topic, int partitions, int perPartition, int startAt = 0)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = Cluster.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            CompressionType = CompressionType.Lz4,
            LingerMs = 5,
        }).Build();
        var failures = 0;
        for (var n = startAt; n < startAt + perPartition; n++)
        {
            for (var p = 0; p < partitions; p++)
            {
                producer.Produce(
                    new TopicPartition(topic, p),
                    new Message<string, string> { Key = $"k{n}", Value = $"p{p}-{n}" },
                    report =>
                    {
                        if (report.Error.IsError)
                        {
                            Interlocked.Increment(ref failures);
                        }
                    });
            }
        }

        await Task.Run(() => producer.Flush(Patience));
        Assert.Equal(0, failures);
    }

    /// <summary>The group's committed offsets for these partitions (-1001 when none).</summary>
    protected Dictionary<int, long> Committed(string groupId, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = Cluster.BootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
        }).Build();
        var committed = consumer.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10));
        return committed.ToDictionary(c => c.Partition.Value, c => c.Offset.Value);
    }
}

/// <summary>Records seen by a consumer under test, by partition and offset, with when they were emitted.</summary>
public sealed class ConsumedRecords
{
    private readonly ConcurrentQueue<(int Partition, long Offset, string Value, long EmittedAt)> _records = new();

    public int Count => _records.Count;

    public void Add(ConsumeResult<string, string> record, long emittedAt) =>
        _records.Enqueue((record.Partition.Value, record.Offset.Value, record.Message.Value, emittedAt));

    public void Add(ConsumeResult<string, string> record) => Add(record, System.Diagnostics.Stopwatch.GetTimestamp());

    public IReadOnlyList<(int Partition, long Offset, string Value, long EmittedAt)> All => _records.ToArray();

    public ISet<(int Partition, long Offset)> Distinct() => _records.Select(r => (r.Partition, r.Offset)).ToHashSet();

    public int DistinctCount => Distinct().Count;
}

/// <summary>One sub-source of a partitioned consumer under test, and what it did.</summary>
public sealed class SubStreamState(int id, int partition)
{
    private int _count;

    public int Id { get; } = id;

    public int Partition { get; } = partition;

    public int Count => Volatile.Read(ref _count);

    private volatile bool _completed;

    public bool Completed
    {
        get => _completed;
        set => _completed = value;
    }

    public Exception? Failure { get; set; }

    public void Increment() => Interlocked.Increment(ref _count);
}

/// <summary>
/// A committable partitioned source run the way the Email node runs it: every sub-source its own
/// stream ending in a committer sink. Records what it consumed, its sub-sources and its commits.
/// </summary>
internal sealed class RunningConsumer
{
    private readonly ConcurrentQueue<SubStreamState> _subStreams = new();
    private readonly ConcurrentDictionary<int, long> _committed = new();
    private readonly ConcurrentQueue<(int Partition, long Offset, long At)> _commits = new();
    private int _ids;

    private RunningConsumer(string name) => Name = name;

    public string Name { get; }

    public DrainingControl<Akka.Done> Control { get; private set; } = null!;

    /// <summary>The poll loop behind <see cref="Control"/>, for its internal counters.</summary>
    public SignupEmail.Streams.Kafka.Internal.ConsumerPollLoop<string, string> Loop { get; private set; } = null!;

    /// <summary>Every acknowledged commit: partition, committed offset (already +1), when.</summary>
    public IReadOnlyList<(int Partition, long Offset, long At)> Commits => _commits.ToArray();

    public ConsumedRecords Records { get; } = new();

    public IReadOnlyList<SubStreamState> SubStreams => _subStreams.ToArray();

    /// <summary>Highest committed offset (already +1) per partition, as acknowledged by the committer.</summary>
    public IReadOnlyDictionary<int, long> CommittedByMe => _committed;

    public IReadOnlyList<SubStreamState> Live => SubStreams.Where(s => !s.Completed).ToList();

    // process runs per record before it counts as consumed (delays, gates, failures).
    public static RunningConsumer Start(
        string name,
        ConsumerSettings<string, string> settings,
        CommitterSettings committerSettings,
        string topic,
        Akka.Streams.IMaterializer materializer,
        Func<ConsumeResult<string, string>, Task>? process = null)
    {
        var consumer = new RunningConsumer(name);
        consumer.Control = Consumer.CommittablePartitionedSource(settings, Subscription.ToTopics(topic))
            .SelectAsyncUnordered(1024, pair => consumer.RunSubStream(pair.Partition, pair.Source, committerSettings, materializer, process))
            .ToMaterialized(Akka.Streams.Dsl.Sink.Ignore<Akka.Done>(), (control, completion) =>
            {
                consumer.Loop = (SignupEmail.Streams.Kafka.Internal.ConsumerPollLoop<string, string>)control;
                return DrainingControl<Akka.Done>.Create(control, completion);
            })
            .Run(materializer);
        return consumer;
    }

    private async Task<Akka.Done> RunSubStream(
        TopicPartition partition,
        Akka.Streams.Dsl.Source<Messages.CommittableMessage<string, string>, Akka.NotUsed> source,
        CommitterSettings committerSettings,
        Akka.Streams.IMaterializer materializer,
        Func<ConsumeResult<string, string>, Task>? process)
    {
        var state = new SubStreamState(Interlocked.Increment(ref _ids), partition.Partition.Value);
        _subStreams.Enqueue(state);
        try
        {
            await source
                .SelectAsync(1, async message =>
                {
                    var emittedAt = System.Diagnostics.Stopwatch.GetTimestamp();
                    if (process is not null)
                    {
                        await process(message.Record);
                    }

                    Records.Add(message.Record, emittedAt);
                    state.Increment();
                    return (Messages.ICommittable)message.CommittableOffset;
                })
                .Via(Committer.BatchFlow(committerSettings))
                .RunForeach(
                    batch =>
                    {
                        foreach (var offset in batch.Offsets)
                        {
                            _committed.AddOrUpdate(offset.Partition.Partition.Value, offset.Offset + 1, (_, c) => Math.Max(c, offset.Offset + 1));
                            _commits.Enqueue((offset.Partition.Partition.Value, offset.Offset + 1, System.Diagnostics.Stopwatch.GetTimestamp()));
                        }
                    },
                    materializer);
            return Akka.Done.Instance;
        }
        catch (Exception e)
        {
            state.Failure = e;
            throw;
        }
        finally
        {
            state.Completed = true;
        }
    }
}

/// <summary>
/// Samples a group's committed offsets from the brokers until disposed: the truth about what was
/// committed, independent of what the stages report.
/// </summary>
internal sealed class CommittedOffsetsWatcher : IAsyncDisposable
{
    private readonly ConcurrentQueue<(int Partition, long Offset, long At)> _samples = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public CommittedOffsetsWatcher(string bootstrapServers, string groupId, string topic, int partitions)
    {
        _loop = Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                GroupId = groupId,
                EnableAutoCommit = false,
            }).Build();
            var all = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).ToList();
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    foreach (var committed in consumer.Committed(all, TimeSpan.FromSeconds(5)))
                    {
                        if (committed.Offset.Value >= 0)
                        {
                            // Taken after the answer: the offset was committed at the latest by now.
                            _samples.Enqueue((committed.Partition.Value, committed.Offset.Value, System.Diagnostics.Stopwatch.GetTimestamp()));
                        }
                    }
                }
                catch (KafkaException)
                {
                    // A rebalance or coordinator move: the next sample tells.
                }

                _stop.Token.WaitHandle.WaitOne(50);
            }
        });
    }

    /// <summary>Highest committed offset of <paramref name="partition"/> observed before <paramref name="at"/> (0 if none).</summary>
    public long CommittedBefore(int partition, long at) =>
        _samples.Where(s => s.Partition == partition && s.At < at).Select(s => s.Offset).DefaultIfEmpty(0).Max();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
