using System.Collections.Concurrent;
using Confluent.Kafka;
using SignupEmail.Testing;

namespace SignupEmail.EmbeddedKafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class BrokerOutageSpec(KafkaClusterFixture kafka)
{
    [Fact]
    public async Task Idempotent_producer_delivers_fifty_thousand_records_exactly_once_across_a_two_second_broker_outage()
    {
        const int count = 50_000;
        const int downedBroker = 2;
        var topic = kafka.CreateUniqueTopic("broker-outage");
        var failures = new ConcurrentQueue<Error>();
        var delivered = 0;

        using (var producer = KafkaClients.IdempotentProducer(kafka.BootstrapServers))
        {
            void Report(DeliveryReport<string, string> report)
            {
                if (report.Error.IsError)
                {
                    failures.Enqueue(report.Error);
                }
                else
                {
                    Interlocked.Increment(ref delivered);
                }
            }

            for (var i = 0; i < count / 2; i++)
            {
                producer.Produce(topic, new Message<string, string> { Key = $"key-{i}", Value = $"value-{i}" }, Report);
            }

            await Eventually.TrueAsync(() => Volatile.Read(ref delivered) > 0, TimeSpan.FromSeconds(20), "the first records are delivered before the outage");

            kafka.Cluster.SetBrokerDown(downedBroker);
            for (var i = count / 2; i < count; i++)
            {
                producer.Produce(topic, new Message<string, string> { Key = $"key-{i}", Value = $"value-{i}" }, Report);
            }

            // The outage itself lasts two seconds, as the scenario says; this is not a wait for luck.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var deliveredDuringOutage = Volatile.Read(ref delivered);
            kafka.Cluster.SetBrokerUp(downedBroker);

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(60)));
            Assert.True(deliveredDuringOutage < count, "the partition led by the downed broker was held up, so the outage was real");
        }

        Assert.Empty(failures);
        Assert.Equal(count, delivered);

        var received = await KafkaClients.ConsumeAsync(kafka.BootstrapServers, topic, count, TimeSpan.FromSeconds(60));
        Assert.Equal(count, received.Count);
        Assert.Equal(count, received.Select(r => r.Message.Key).Distinct().Count());
        Assert.Equal(count, received.Select(r => (r.Partition.Value, r.Offset.Value)).Distinct().Count());
    }
}
