using Akka.Streams;
using Akka.Streams.Dsl;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class ProducerResilienceSpec(KafkaClusterFixture kafka, ITestOutputHelper output)
    : ProducerSpecBase(output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Broker_outages_and_leader_moves_during_a_run_lose_and_duplicate_nothing()
    {
        var topic = kafka.CreateUniqueTopic("producer-resilience");
        const int count = 20_000;
        var emitted = 0;

        // Throttled so the run lasts long enough for the faults to land in the middle of it.
        var run = Source.From(Enumerable.Range(0, count))
            .Throttle(2_000, TimeSpan.FromSeconds(1), 2_000, ThrottleMode.Shaping)
            .Select(i => ProducerMessage.Single(new ProducerRecord<string, string>(topic, $"key-{i}", $"value-{i}"), i))
            .Via(Producer.FlexiFlow<string, string, int>(Settings()))
            .Select(r =>
            {
                Interlocked.Increment(ref emitted);
                return (ProducerMessageSingleResult<string, string, int>)r;
            })
            .RunWith(Sink.Seq<ProducerMessageSingleResult<string, string, int>>(), Materializer);

        try
        {
            await ProgressPast(2_000, () => emitted, run);
            kafka.Cluster.SetBrokerDown(2);
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // the outage itself
            kafka.Cluster.SetBrokerUp(2);

            await ProgressPast(7_000, () => emitted, run);
            kafka.Cluster.SetPartitionLeader(topic, 0, 2);
            kafka.Cluster.SetPartitionLeader(topic, 1, 3);
            kafka.Cluster.SetPartitionLeader(topic, 2, 1);

            await ProgressPast(12_000, () => emitted, run);
            kafka.Cluster.SetBrokerDown(1);
            kafka.Cluster.SetPartitionLeader(topic, 2, 3);
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            kafka.Cluster.SetBrokerUp(1);
        }
        finally
        {
            kafka.Cluster.SetBrokerUp(-1);
        }

        var results = await run.WaitAsync(Deadline);
        Assert.True(Volatile.Read(ref emitted) > 12_000 && results.Count == count, $"{results.Count} results");
        Assert.Equal(Enumerable.Range(0, count), results.Select(r => r.PassThrough));

        var stored = ProducerTopicReader.ReadAll(kafka.BootstrapServers, topic, partitions: 3, Deadline);
        Assert.Equal(count, stored.Count);
        Assert.Equal(count, stored.Select(s => s.Key).Distinct().Count());
        Assert.Equal(count, stored.Select(s => (s.Partition, s.Offset)).Distinct().Count());
        var byPosition = stored.ToDictionary(s => (s.Partition, s.Offset), s => s.Key);
        Assert.All(results, r => Assert.Equal(r.Record.Message.Key, byPosition[(r.Metadata.Partition.Value, r.Metadata.Offset.Value)]));
    }

    private static Task ProgressPast(int target, Func<int> progress, Task run) =>
        Eventually.TrueAsync(() => progress() >= target || run.IsCompleted, Deadline, $"{target} results emitted");

    private ProducerSettings<string, string> Settings() =>
        ProducerSettings<string, string>.Create(Sys).WithBootstrapServers(kafka.BootstrapServers);
}
