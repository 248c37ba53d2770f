using Akka;
using Akka.Configuration;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Internal;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests.Brokerless;

/// <summary>
/// What the stage tests on a <see cref="FakeConsumer"/> share: a partitioned source on the fake, stream
/// probes for it and its sub-sources, and the stage-leak check after every test.
/// </summary>
public abstract class BrokerlessSpecBase : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private static readonly Akka.Configuration.Config TestConfig = ConfigurationFactory.ParseString("""
        akka.loglevel = INFO
        akka.stdout-loglevel = WARNING
        """);

    private readonly string _group = $"brokerless-{Guid.NewGuid():N}";

    protected BrokerlessSpecBase(ITestOutputHelper output)
        : base(TestConfig, output: output)
    {
        Materializer = Sys.Materializer();
        Fake = new FakeConsumer("signups");
    }

    /// <summary>Waits for what the poll thread does; nothing here waits for a broker.</summary>
    protected static TimeSpan Patience { get; } = TimeSpan.FromSeconds(10);

    protected ActorMaterializer Materializer { get; }

    private protected FakeConsumer Fake { get; }

    /// <summary>Settings on the fake; a short stop-timeout, so tests that leave records uncommitted end fast.</summary>
    protected ConsumerSettings<string, string> Settings(int bufferSize = 1000) =>
        ConsumerSettings<string, string>.Create(Sys)
            .WithBootstrapServers("fake:9092")
            .WithGroupId(_group)
            .WithBufferSize(bufferSize)
            .WithStopTimeout(TimeSpan.FromMilliseconds(500))
            .WithPollTimeout(TimeSpan.FromMilliseconds(10)) with
        { ClientFactory = Fake.Connect };

    protected CommitterSettings CommitterSettings() =>
        Kafka.Settings.CommitterSettings.Create(Sys).WithMaxBatch(1).WithMaxInterval(TimeSpan.FromMilliseconds(50));

    /// <summary>Runs a partitioned source on the fake into a probe; returns its control and the probe.</summary>
    private protected (ConsumerPollLoop<string, string> Control, TestSubscriber.Probe<(TopicPartition Partition, Source<CommittableMessage<string, string>, NotUsed> Source)> Partitions) RunPartitioned(ConsumerSettings<string, string>? settings = null)
    {
        var (control, probe) = Consumer.CommittablePartitionedSource(settings ?? Settings(), Subscription.ToTopics("signups"))
            .ToMaterialized(this.SinkProbe<(TopicPartition Partition, Source<CommittableMessage<string, string>, NotUsed> Source)>(), Keep.Both)
            .Run(Materializer);
        return ((ConsumerPollLoop<string, string>)control, probe);
    }

    /// <summary>Takes the next sub-source from <paramref name="partitions"/> and runs it into a probe.</summary>
    private protected async Task<(int Partition, TestSubscriber.Probe<CommittableMessage<string, string>> Records)> NextSubSourceAsync(
        TestSubscriber.Probe<(TopicPartition Partition, Source<CommittableMessage<string, string>, NotUsed> Source)> partitions)
    {
        var (partition, source) = await partitions.RequestNextAsync(Patience);
        return (partition.Partition.Value, source.RunWith(this.SinkProbe<CommittableMessage<string, string>>(), Materializer));
    }

    /// <summary>Requests and takes the next <paramref name="count"/> messages of <paramref name="records"/>, each within <see cref="Patience"/>.</summary>
    protected static async Task<List<CommittableMessage<string, string>>> TakeAsync(TestSubscriber.Probe<CommittableMessage<string, string>> records, int count)
    {
        records.Request(count);
        var messages = new List<CommittableMessage<string, string>>(count);
        for (var n = 0; n < count; n++)
        {
            messages.Add(await records.ExpectNextAsync(Patience));
        }

        return messages;
    }

    /// <summary>The values of the next <paramref name="count"/> records of <paramref name="records"/>.</summary>
    protected static async Task<List<string>> ValuesAsync(TestSubscriber.Probe<CommittableMessage<string, string>> records, int count) =>
        (await TakeAsync(records, count)).ConvertAll(m => m.Record.Message.Value);

    protected static IEnumerable<string> Values(int partition, int from, int count) =>
        Enumerable.Range(from, count).Select(offset => $"p{partition}-{offset}");

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // After every test: every stage of this test's materializer has stopped and the poll thread has ended.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await Eventually.TrueAsync(() => !LiveConsumers.Groups.Contains(_group), Patience, "the fake consumer's poll thread ends");
        await this.AssertAllStagesStoppedAsync(() => Task.CompletedTask, Materializer, Patience);
        Assert.True(!Fake.Subscribed.IsCompleted || Fake.IsDisposed, "the consumer was disposed");
    }
}
