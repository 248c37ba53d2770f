using Akka;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class RoundTripSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : ConsumerSpecBase(kafka.Cluster, output)
{
    [Fact]
    public async Task Records_produced_through_the_flexi_flow_arrive_at_the_committable_source_where_the_producer_said()
    {
        const int count = 300;
        var topic = kafka.CreateUniqueTopic("round-trip");
        var group = KafkaClusterFixture.UniqueGroupId("round-trip");
        var producerSettings = ProducerSettings<string, string>.Create(Sys).WithBootstrapServers(kafka.BootstrapServers);

        // Produce with the index as pass-through; spread over the 3 partitions explicitly.
        var delivered = await Source.From(Enumerable.Range(0, count))
            .Select(i => (ProducerMessageEnvelope<string, string, int>)ProducerMessage.Single(
                new ProducerRecord<string, string>(new TopicPartition(topic, i % 3), new Message<string, string> { Key = $"k{i}", Value = $"v{i}" }), i))
            .Via(Producer.FlexiFlow<string, string, int>(producerSettings))
            .RunWith(Sink.Seq<ProducerMessageResult<string, string, int>>(), Materializer);
        var whereProduced = delivered.Cast<ProducerMessageSingleResult<string, string, int>>()
            .ToDictionary(r => r.PassThrough, r => r.TopicPartitionOffset);
        Assert.Equal(count, whereProduced.Count);

        var (control, messages) = ConsumeIntoProbe(ConsumerSettings(group), topic);
        var received = await TakeAsync(messages, count);
        Assert.Equal(count, received.Select(m => m.Record.Message.Value).Distinct().Count());
        await CommitAsync(received);
        messages.Cancel();
        await control.IsShutdown.WaitAsync(Patience);

        foreach (var record in received.Select(m => m.Record))
        {
            var index = int.Parse(record.Message.Value.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(whereProduced[index], record.TopicPartitionOffset);
        }

        // Every partition committed up to its end (offset + 1 of the last record).
        var committed = Committed(group, topic, 3);
        for (var p = 0; p < 3; p++)
        {
            Assert.Equal(count / 3, committed[p]);
        }

        await AssertNoLeaksAsync();
    }

    [Fact]
    public async Task The_committable_sink_commits_a_consumed_offset_only_after_its_output_is_acknowledged()
    {
        const int perPartition = 100;
        var inputTopic = kafka.CreateUniqueTopic("pipe-in");
        var outputTopic = kafka.CreateUniqueTopic("pipe-out");
        var group = KafkaClusterFixture.UniqueGroupId("pipe");
        await ProduceAsync(inputTopic, 3, perPartition);
        var producerSettings = ProducerSettings<string, string>.Create(Sys).WithBootstrapServers(kafka.BootstrapServers);

        var control = Consumer.CommittableSource(ConsumerSettings(group), Subscription.ToTopics(inputTopic))
            .Select(m => (ProducerMessageEnvelope<string, string, ICommittable>)ProducerMessage.Single(
                new ProducerRecord<string, string>(outputTopic, m.Record.Message.Key, m.Record.Message.Value.ToUpperInvariant()),
                (ICommittable)m.CommittableOffset))
            .ToMaterialized(Producer.CommittableSink(producerSettings, CommitterSettings()), DrainingControl<Done>.Create)
            .Run(Materializer);

        await Eventually.TrueAsync(() => Committed(group, inputTopic, 3).Values.All(o => o == perPartition), Patience, "every input offset is committed");
        await control.DrainAndShutdown().WaitAsync(Patience);

        // Everything committed was produced: the output topic holds every input record, transformed.
        using var reader = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = KafkaClusterFixture.UniqueGroupId("pipe-reader"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        reader.Subscribe(outputTopic);
        var values = new HashSet<string>();
        await Eventually.TrueAsync(
            () =>
            {
                while (reader.Consume(TimeSpan.FromMilliseconds(100)) is { } record)
                {
                    values.Add(record.Message.Value);
                }

                return values.Count >= 3 * perPartition;
            },
            Patience,
            "the output topic holds every record");
        reader.Close();
        var expected = Enumerable.Range(0, 3).SelectMany(p => Enumerable.Range(0, perPartition).Select(n => $"P{p}-{n}")).ToHashSet();
        Assert.Equal(expected, values);
    }
}
