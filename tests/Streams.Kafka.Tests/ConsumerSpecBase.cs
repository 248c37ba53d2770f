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
