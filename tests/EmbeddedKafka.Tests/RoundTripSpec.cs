using Confluent.Kafka;
using SignupEmail.Testing;

namespace SignupEmail.EmbeddedKafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class RoundTripSpec(KafkaClusterFixture kafka)
{
    [Fact]
    public async Task Ten_thousand_keyed_records_produced_are_each_consumed_exactly_once()
    {
        const int count = 10_000;
        var topic = kafka.CreateUniqueTopic("round-trip");

        using (var producer = KafkaClients.IdempotentProducer(kafka.BootstrapServers))
        {
            for (var i = 0; i < count; i++)
            {
                producer.Produce(topic, new Message<string, string> { Key = $"key-{i}", Value = $"value-{i}" });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        var received = await KafkaClients.ConsumeAsync(kafka.BootstrapServers, topic, count, TimeSpan.FromSeconds(60));

        Assert.Equal(count, received.Count);
        Assert.Equal(count, received.Select(r => r.Message.Key).Distinct().Count());
        Assert.All(received, r => Assert.Equal(r.Message.Key.Replace("key-", "value-", StringComparison.Ordinal), r.Message.Value));
        Assert.Equal(3, received.Select(r => r.Partition.Value).Distinct().Count());
    }
}
