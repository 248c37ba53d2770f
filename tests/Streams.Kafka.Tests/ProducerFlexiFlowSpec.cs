using Akka.Streams.Dsl;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class ProducerFlexiFlowSpec(KafkaClusterFixture kafka, ITestOutputHelper output)
    : ProducerSpecBase(output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Results_come_in_upstream_order_with_their_pass_through_and_records_land_where_reported()
    {
        var topic = kafka.CreateUniqueTopic("flexi-round-trip");
        const int count = 600;

        var results = await Source.From(Enumerable.Range(0, count))
            .Select(i => Single(topic, $"key-{i}", $"value-{i}", i))
            .Via(Producer.FlexiFlow<string, string, int>(Settings()))
            .RunWith(Sink.Seq<ProducerMessageResult<string, string, int>>(), Materializer)
            .WaitAsync(Deadline);

        Assert.Equal(Enumerable.Range(0, count), results.Select(r => r.PassThrough));
        var singles = results.Cast<ProducerMessageSingleResult<string, string, int>>().ToList();
        Assert.All(singles, r =>
        {
            Assert.Equal($"key-{r.PassThrough}", r.Record.Message.Key);
            Assert.Equal(topic, r.Metadata.Topic);
            Assert.Equal(PersistenceStatus.Persisted, r.Metadata.Status);
            Assert.NotEqual(TimestampType.NotAvailable, r.Metadata.Timestamp.Type);
        });
        Assert.Equal(3, singles.Select(r => r.Metadata.Partition.Value).Distinct().Count());

        // Within a partition, upstream order is offset order.
        foreach (var partition in singles.GroupBy(r => r.Metadata.Partition.Value))
        {
            var offsets = partition.Select(r => r.Metadata.Offset.Value).ToList();
            Assert.Equal(Enumerable.Range(0, offsets.Count).Select(o => (long)o), offsets);
        }

        var stored = ProducerTopicReader.ReadAll(kafka.BootstrapServers, topic, partitions: 3, Deadline)
            .ToDictionary(s => (s.Partition, s.Offset));
        Assert.Equal(count, stored.Count);
        Assert.All(singles, r =>
        {
            var record = stored[(r.Metadata.Partition.Value, r.Metadata.Offset.Value)];
            Assert.Equal(r.Record.Message.Key, record.Key);
            Assert.Equal(r.Record.Message.Value, record.Value);
        });
    }

    [Fact]
    public async Task A_multi_envelope_gives_one_result_with_every_record_and_a_pass_through_sends_nothing()
    {
        var topic = kafka.CreateUniqueTopic("flexi-multi");
        var records = Enumerable.Range(0, 3)
            .Select(p => new ProducerRecord<string, string>(new TopicPartition(topic, p), new Message<string, string> { Key = $"multi-{p}", Value = "v" }))
            .ToList();
        ProducerMessageEnvelope<string, string, string>[] envelopes =
        [
            ProducerMessage.PassThrough<string, string, string>("nothing-before"),
            ProducerMessage.Multi(records, "three"),
            ProducerMessage.PassThrough<string, string, string>("nothing-after"),
        ];

        var results = await Source.From(envelopes)
            .Via(Producer.FlexiFlow<string, string, string>(Settings()))
            .RunWith(Sink.Seq<ProducerMessageResult<string, string, string>>(), Materializer)
            .WaitAsync(Deadline);

        Assert.Equal(["nothing-before", "three", "nothing-after"], results.Select(r => r.PassThrough));
        Assert.IsType<ProducerMessagePassThroughResult<string, string, string>>(results[0]);
        Assert.IsType<ProducerMessagePassThroughResult<string, string, string>>(results[2]);
        var multi = Assert.IsType<ProducerMessageMultiResult<string, string, string>>(results[1]);
        Assert.Equal([0, 1, 2], multi.Metadata.Select(m => m.Partition.Value));
        Assert.Equal(["multi-0", "multi-1", "multi-2"], multi.Metadata.Select(m => m.Message.Key));
        Assert.All(multi.Metadata, m => Assert.Equal(0, m.Offset.Value));

        // Only the multi's three records reached the topic: the pass-throughs sent nothing.
        Assert.Equal(3, ProducerTopicReader.CountRecords(kafka.BootstrapServers, topic, partitions: 3));
    }

    [Fact]
    public async Task Completing_upstream_right_after_the_records_delivers_all_of_them_before_the_stream_completes()
    {
        var topic = kafka.CreateUniqueTopic("flush-on-complete");
        const int count = 200;

        // A long linger keeps records in librdkafka's queue: only the flush on completion sends them promptly.
        var settings = Settings().WithProperty("linger.ms", "20000");
        var started = DateTime.UtcNow;
        await Source.From(Enumerable.Range(0, count))
            .Select(i => new ProducerRecord<string, string>(topic, $"key-{i}", "v"))
            .RunWith(Producer.PlainSink(settings), Materializer)
            .WaitAsync(Deadline);

        Assert.Equal(count, ProducerTopicReader.CountRecords(kafka.BootstrapServers, topic, partitions: 3));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "the flush should not wait for linger.ms");
    }

    [Fact]
    public async Task Plain_flow_emits_the_delivery_metadata_of_each_record_in_order()
    {
        var topic = kafka.CreateUniqueTopic("plain-flow");

        var metadata = await Source.From(Enumerable.Range(0, 30))
            .Select(i => new ProducerRecord<string, string>(new TopicPartition(topic, i % 3), new Message<string, string> { Key = $"key-{i}", Value = "v" }))
            .Via(Producer.PlainFlow(Settings()))
            .RunWith(Sink.Seq<DeliveryResult<string, string>>(), Materializer)
            .WaitAsync(Deadline);

        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"key-{i}"), metadata.Select(m => m.Message.Key));
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (i % 3, (long)(i / 3))), metadata.Select(m => (m.Partition.Value, m.Offset.Value)));
    }

    [Fact]
    public async Task A_shared_producer_serves_several_streams_and_is_not_disposed_by_them()
    {
        var topic = kafka.CreateUniqueTopic("shared-producer");
        var settings = Settings();
        using var producer = new ProducerBuilder<string, string>(settings.ToProducerConfig()).Build();

        for (var run = 0; run < 2; run++)
        {
            await Source.From(Enumerable.Range(0, 10))
                .Select(i => new ProducerRecord<string, string>(topic, $"run-{run}-{i}", "v"))
                .RunWith(Producer.PlainSink(settings, producer), Materializer)
                .WaitAsync(Deadline);
        }

        // Still usable after both streams completed.
        var last = await producer.ProduceAsync(topic, new Message<string, string> { Key = "after", Value = "v" }).WaitAsync(Deadline);
        Assert.Equal(PersistenceStatus.Persisted, last.Status);
        Assert.Equal(21, ProducerTopicReader.CountRecords(kafka.BootstrapServers, topic, partitions: 3));
    }

    [Fact]
    public async Task The_serializers_given_in_the_settings_are_used()
    {
        var topic = kafka.CreateUniqueTopic("custom-serializer");
        var settings = ProducerSettings<string, int>.Create(Sys, valueSerializer: new CountSerializer())
            .WithBootstrapServers(kafka.BootstrapServers);

        await Source.From(Enumerable.Range(0, 3))
            .Select(i => new ProducerRecord<string, int>(new TopicPartition(topic, 0), new Message<string, int> { Key = $"key-{i}", Value = i }))
            .RunWith(Producer.PlainSink(settings), Materializer)
            .WaitAsync(Deadline);

        var stored = ProducerTopicReader.ReadAll(kafka.BootstrapServers, topic, partitions: 3, Deadline);
        Assert.Equal(["count=0", "count=1", "count=2"], stored.OrderBy(r => r.Offset).Select(r => r.Value));
    }

    private ProducerSettings<string, string> Settings() =>
        ProducerSettings<string, string>.Create(Sys).WithBootstrapServers(kafka.BootstrapServers);

    private static ProducerMessageEnvelope<string, string, int> Single(string topic, string key, string value, int passThrough) =>
        ProducerMessage.Single(new ProducerRecord<string, string>(topic, key, value), passThrough);

    private sealed class CountSerializer : ISerializer<int>
    {
        public byte[] Serialize(int data, SerializationContext context) => System.Text.Encoding.UTF8.GetBytes($"count={data}");
    }
}
