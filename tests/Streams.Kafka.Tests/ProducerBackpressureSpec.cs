using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using SignupEmail.EmbeddedKafka;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class ProducerBackpressureSpec(KafkaClusterFixture kafka, ITestOutputHelper output)
    : ProducerSpecBase(output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task No_more_than_parallelism_envelopes_are_in_flight_while_the_broker_is_slow()
    {
        var topic = kafka.CreateUniqueTopic("bounded-in-flight");
        const int parallelism = 4;
        const int count = 40;
        var pulled = 0;
        var emitted = 0;
        var maxInFlight = 0;

        kafka.Cluster.SetBrokerLatency(EmbeddedKafkaCluster.AllBrokers, TimeSpan.FromMilliseconds(100));
        try
        {
            var results = await Source.From(Enumerable.Range(0, count))
                .Select(i =>
                {
                    // Runs when the producer stage pulls: pulled minus emitted is what it holds.
                    var inFlight = Interlocked.Increment(ref pulled) - Volatile.Read(ref emitted);
                    InterlockedMax(ref maxInFlight, inFlight);
                    return ProducerMessage.Single(new ProducerRecord<string, string>(topic, $"key-{i}", "v"), i);
                })
                .Via(Producer.FlexiFlow<string, string, int>(Settings().WithParallelism(parallelism)))
                .Select(r =>
                {
                    Interlocked.Increment(ref emitted);
                    return r.PassThrough;
                })
                .WithAttributes(Attributes.CreateInputBuffer(1, 1))
                .RunWith(Sink.Seq<int>(), Materializer)
                .WaitAsync(Deadline);

            Assert.Equal(Enumerable.Range(0, count), results);
        }
        finally
        {
            kafka.Cluster.SetBrokerLatency(EmbeddedKafkaCluster.AllBrokers, TimeSpan.Zero);
        }

        // The stage runs on its own dispatcher, so an async boundary (input buffer 1 here) sits on
        // each side of it: at most one element waits before it and one after it besides its own
        // parallelism. Reaching parallelism shows the limit is what held the stage back.
        Assert.InRange(maxInFlight, parallelism, parallelism + 2);
    }

    [Fact]
    public async Task A_full_librdkafka_queue_backpressures_instead_of_failing()
    {
        var topic = kafka.CreateUniqueTopic("queue-full");
        const int count = 300;
        var settings = Settings()
            .WithProperty("queue.buffering.max.messages", "10")
            .WithParallelism(1000);

        // The setting really does make Produce throw Local_QueueFull (so the stage's retry path runs).
        using (var raw = new ProducerBuilder<string, string>(settings.ToProducerConfig()).Build())
        {
            var queueFull = Assert.Throws<ProduceException<string, string>>(() =>
            {
                for (var i = 0; i < 11; i++)
                {
                    raw.Produce(new TopicPartition(topic, 0), new Message<string, string> { Key = "probe", Value = "v" }, _ => { });
                }
            });
            Assert.Equal(ErrorCode.Local_QueueFull, queueFull.Error.Code);
            raw.Flush(Deadline);
        }

        kafka.Cluster.SetBrokerLatency(EmbeddedKafkaCluster.AllBrokers, TimeSpan.FromMilliseconds(20));
        try
        {
            var results = await Source.From(Enumerable.Range(0, count))
                .Select(i => ProducerMessage.Single(new ProducerRecord<string, string>(topic, $"key-{i}", "v"), i))
                .Via(Producer.FlexiFlow<string, string, int>(settings))
                .RunWith(Sink.Seq<ProducerMessageResult<string, string, int>>(), Materializer)
                .WaitAsync(Deadline);

            Assert.Equal(Enumerable.Range(0, count), results.Select(r => r.PassThrough));
        }
        finally
        {
            kafka.Cluster.SetBrokerLatency(EmbeddedKafkaCluster.AllBrokers, TimeSpan.Zero);
        }

        Assert.Equal(count + 10, ProducerTopicReader.CountRecords(kafka.BootstrapServers, topic, partitions: 3));
    }

    private ProducerSettings<string, string> Settings() =>
        ProducerSettings<string, string>.Create(Sys).WithBootstrapServers(kafka.BootstrapServers);

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
