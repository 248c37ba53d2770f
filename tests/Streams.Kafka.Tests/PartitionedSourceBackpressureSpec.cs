using System.Diagnostics;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class PartitionedSourceBackpressureSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : ConsumerSpecBase(kafka.Cluster, output)
{
    private const int BufferSize = 250;
    private const int PerPartition = 10_000;

    [Fact]
    public async Task A_sub_stream_that_requests_nothing_pauses_only_its_own_partition_and_buffers_stay_within_buffer_size()
    {
        var topic = kafka.CreateUniqueTopic("backpressure");
        await ProduceAsync(topic, 3, PerPartition);

        await MeasureFastPartitions(topic, stalledPartition0: false); // warm-up: JIT, connections
        var baseline = await MeasureFastPartitions(topic, stalledPartition0: false);
        var withSlow = await MeasureFastPartitions(topic, stalledPartition0: true);

        Output?.WriteLine($"partitions 1 and 2: {baseline:0} records/s with partition 0 read too, {withSlow:0} records/s next to a stalled partition 0");
        Assert.True(withSlow >= 0.5 * baseline, $"a stalled partition slowed the others down: {withSlow:0} vs {baseline:0} records/s");
    }

    private async Task<double> MeasureFastPartitions(string topic, bool stalledPartition0)
    {
        var group = KafkaClusterFixture.UniqueGroupId("backpressure");
        var consumer = PartitionProbes.Start(this, ConsumerSettings(group, bufferSize: BufferSize), topic, Materializer, Patience);

        // Partitions 1 and 2 are read as fast as the test can, each by its own reader; partition 0 too,
        // unless it stands for a slow sub-stream: then nothing of it is requested at all.
        var firsts = await Task.WhenAll(consumer.TakeAsync(1, 1), consumer.TakeAsync(2, 1));
        var clock = Stopwatch.StartNew();
        var partition0 = stalledPartition0 ? Task.FromResult(new List<CommittableMessage<string, string>>()) : consumer.TakeAsync(0, PerPartition);
        var rest = await Task.WhenAll(consumer.TakeAsync(1, PerPartition - 1), consumer.TakeAsync(2, PerPartition - 1));
        var rate = 2 * (PerPartition - 1) / clock.Elapsed.TotalSeconds;

        // Partitions 1 and 2 arrived complete and in order: pausing and resuming lost or repeated nothing.
        for (var n = 0; n < 2; n++)
        {
            var records = firsts[n].Concat(rest[n]).ToList();
            Assert.All(records, r => Assert.Equal(n + 1, r.Record.Partition.Value));
            Assert.Equal(Enumerable.Range(0, PerPartition).Select(o => (long)o), records.Select(r => r.Record.Offset.Value));
            await CommitAsync(records);
        }

        if (!stalledPartition0)
        {
            await CommitAsync(await partition0);
        }

        var peaks = consumer.Loop.PeakBuffered;
        Output?.WriteLine($"peak buffered per partition: {string.Join(", ", peaks.Select(p => $"{p.Key.Partition.Value}={p.Value}"))}");
        Assert.All(peaks.Values, peak => Assert.InRange(peak, 1, BufferSize));
        if (stalledPartition0)
        {
            // The slow partition really was held back by its full buffer.
            Assert.Equal(BufferSize, peaks.Single(p => p.Key.Partition.Value == 0).Value);
        }

        await consumer.ShutdownAsync();
        return rate;
    }
}
