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
public sealed class ProducerFailureSpec(KafkaClusterFixture kafka, ITestOutputHelper output)
    : ProducerSpecBase(output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_record_for_a_partition_that_does_not_exist_fails_the_stream_naming_it()
    {
        var topic = kafka.CreateUniqueTopic("no-such-partition");
        var record = new ProducerRecord<string, string>(new TopicPartition(topic, 7), new Message<string, string> { Key = "k", Value = "v" });

        var error = await Assert.ThrowsAsync<ProducerDeliveryException>(() => Run(Settings(), record).WaitAsync(Deadline));

        Assert.Equal(ErrorCode.Local_UnknownPartition, error.Error.Code);
        Assert.Equal(new TopicPartition(topic, 7), error.TopicPartition);
        Assert.Contains(topic, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_retriable_produce_error_from_the_broker_fails_the_stream_with_its_code()
    {
        var topic = kafka.CreateUniqueTopic("authorization-failed");
        kafka.Cluster.PushRequestErrors(KafkaApiKey.Produce, Enumerable.Repeat(ErrorCode.TopicAuthorizationFailed, 5).ToArray());
        try
        {
            var error = await Assert.ThrowsAsync<ProducerDeliveryException>(() =>
                Run(Settings(), new ProducerRecord<string, string>(topic, "k", "v")).WaitAsync(Deadline));

            Assert.Equal(ErrorCode.TopicAuthorizationFailed, error.Error.Code);
            Assert.Equal(topic, error.TopicPartition?.Topic);
        }
        finally
        {
            kafka.Cluster.ClearRequestErrors(KafkaApiKey.Produce);
        }
    }

    [Fact]
    public async Task Records_that_time_out_in_librdkafka_fail_the_stream_instead_of_hanging()
    {
        var topic = kafka.CreateUniqueTopic("message-timeout");
        MakeLeaderless(topic);
        var settings = Settings().WithProperty("message.timeout.ms", "1500");

        var error = await Assert.ThrowsAsync<ProducerDeliveryException>(() =>
            Run(settings, new ProducerRecord<string, string>(new TopicPartition(topic, 0), new Message<string, string> { Key = "k", Value = "v" })).WaitAsync(Deadline));

        Assert.Equal(ErrorCode.Local_MsgTimedOut, error.Error.Code);
        Assert.Equal(new TopicPartition(topic, 0), error.TopicPartition);
    }

    [Fact]
    public async Task Unacknowledged_records_fail_the_stream_once_the_flush_timeout_has_passed()
    {
        var topic = kafka.CreateUniqueTopic("flush-timeout");
        MakeLeaderless(topic);
        var settings = Settings().WithFlushTimeout(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<ProducerDeliveryException>(() =>
            Run(settings, new ProducerRecord<string, string>(topic, "k", "v")).WaitAsync(Deadline));

        Assert.Equal(ErrorCode.Local_TimedOut, error.Error.Code);
        Assert.Contains("flush-timeout", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no.such.property", "1", "akka.kafka.producer.kafka-clients.no.such.property")]
    [InlineData("acks", "banana", "akka.kafka.producer.kafka-clients.acks")]
    public async Task A_property_librdkafka_rejects_fails_the_materialized_stream_naming_the_key(string property, string value, string key)
    {
        var settings = Settings().WithProperty(property, value);

        var error = await Assert.ThrowsAsync<KafkaSettingsException>(() =>
            Run(settings, new ProducerRecord<string, string>("never-used", "k", "v")).WaitAsync(Deadline));

        Assert.Equal(key, error.Key);
        Assert.Contains(property, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_bootstrap_servers_fail_the_materialized_stream_naming_the_key()
    {
        var settings = ProducerSettings<string, string>.Create(Sys);

        var error = await Assert.ThrowsAsync<KafkaSettingsException>(() =>
            Run(settings, new ProducerRecord<string, string>("never-used", "k", "v")).WaitAsync(Deadline));

        Assert.Equal("akka.kafka.producer.kafka-clients.bootstrap.servers", error.Key);
    }

    [Fact]
    public async Task An_upstream_failure_fails_the_stream_with_that_failure()
    {
        var topic = kafka.CreateUniqueTopic("upstream-failure");
        var boom = new InvalidOperationException("upstream broke");

        var task = Source.From(Enumerable.Range(0, 5))
            .Select(i => i < 4 ? new ProducerRecord<string, string>(topic, $"k{i}", "v") : throw boom)
            .RunWith(Producer.PlainSink(Settings()), Materializer);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => task.WaitAsync(Deadline));
        Assert.Same(boom, error);
    }

    private Task Run(ProducerSettings<string, string> settings, ProducerRecord<string, string> record) =>
        Source.Single(ProducerMessage.Single(record, 0))
            .Via(Producer.FlexiFlow<string, string, int>(settings))
            .RunWith(Sink.Seq<ProducerMessageResult<string, string, int>>(), Materializer);

    private void MakeLeaderless(string topic)
    {
        for (var partition = 0; partition < 3; partition++)
        {
            kafka.Cluster.SetPartitionLeader(topic, partition, -1);
        }
    }

    private ProducerSettings<string, string> Settings() =>
        ProducerSettings<string, string>.Create(Sys).WithBootstrapServers(kafka.BootstrapServers);
}
