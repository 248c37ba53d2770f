using System.Diagnostics;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class PartitionedSourceBackpressureSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : ConsumerSpecBase(kafka.Cluster, output)
{
    private const int BufferSize = 250;
    private const int PerPartition = 10_000;

    [Fact]
    public async Task A_slow_sub_stream_pauses_only_its_own_partition_and_buffers_stay_within_buffer_size()
    {
        var topic = kafka.CreateUniqueTopic("backpressure");
        await ProduceAsync(topic, 3, PerPartition);

        await MeasureFastPartitions(topic, slowPartition0: false); // warm-up: JIT, connections
        var baseline = await MeasureFastPartitions(topic, slowPartition0: false);
        var withSlow = await MeasureFastPartitions(topic, slowPartition0: true);

        Output?.WriteLine($"partitions 1 and 2: {baseline:0} records/s alone, {withSlow:0} records/s next to a slow partition 0");
        Assert.True(withSlow >= 0.5 * baseline, $"a slow partition slowed the others down: {withSlow:0} vs {baseline:0} records/s");
    }

    private async Task<double> MeasureFastPartitions(string topic, bool slowPartition0)
    {
        var group = KafkaClusterFixture.UniqueGroupId("backpressure");
        var consumer = RunningConsumer.Start(
            slowPartition0 ? "slow" : "fast",
            ConsumerSettings(group, bufferSize: BufferSize),
            CommitterSettings(maxBatch: 1000, maxIntervalMs: 200),
            topic,
            Materializer,
            record => slowPartition0 && record.Partition.Value == 0 ? Task.Delay(100) : Task.CompletedTask);

        await Eventually.TrueAsync(() => consumer.Records.Count > 0, Patience, "consumption starts");
        var clock = Stopwatch.StartNew();
        await Eventually.TrueAsync(() => FastCount(consumer) >= 2 * PerPartition, Patience, "partitions 1 and 2 consumed");
        var rate = FastCount(consumer) / clock.Elapsed.TotalSeconds;

        // Partitions 1 and 2 arrived complete and in order: pausing and resuming lost or repeated nothing.
        foreach (var partition in new[] { 1, 2 })
        {
            var offsets = consumer.Records.All.Where(r => r.Partition == partition).Select(r => r.Offset).ToList();
            Assert.Equal(Enumerable.Range(0, PerPartition).Select(o => (long)o), offsets);
        }

        var peaks = consumer.Loop.PeakBuffered;
        Output?.WriteLine($"peak buffered per partition: {string.Join(", ", peaks.Select(p => $"{p.Key.Partition.Value}={p.Value}"))}");
        Assert.All(peaks.Values, peak => Assert.InRange(peak, 1, BufferSize));
        if (slowPartition0)
        {
            // The slow partition really was held back by its full buffer, not drained.
            Assert.Equal(BufferSize, peaks.Single(p => p.Key.Partition.Value == 0).Value);
            Assert.True(consumer.Records.All.Count(r => r.Partition == 0) < PerPartition / 2);
        }

        await consumer.Control.DrainAndShutdown().WaitAsync(Patience);
        return rate;
    }

    private static int FastCount(RunningConsumer consumer) => consumer.Records.All.Count(r => r.Partition != 0);
}
