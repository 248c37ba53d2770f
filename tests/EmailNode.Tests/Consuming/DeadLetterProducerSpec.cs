using System.Text;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Consuming;

/// <summary>
/// The dead-letter producer belongs to the consuming run, not to a partition: a rebalance that ends
/// partition sub-streams must leave it open for the partitions that stay or come back.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class DeadLetterProducerSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : PipelineSpecBase(kafka, output)
{
    [Fact]
    public async Task After_a_rebalance_ended_partition_sub_streams_poison_records_are_still_dead_lettered_without_a_restart()
    {
        var a = StartPipeline(Delivery());
        await Eventually.TrueAsync(() => a.AssignedPartitions.Count == 3, Patience, "node A owns all 3 partitions");

        // Node B joining revokes A's partitions: their sub-streams end, A's run goes on.
        var b = StartPipeline(Delivery(), system: NodeSystem("node-b"));
        await Eventually.TrueAsync(
            () => a.AssignedPartitions.Count > 0 && b.AssignedPartitions.Count > 0 && a.AssignedPartitions.Count + b.AssignedPartitions.Count == 3,
            Patience,
            "the two nodes share the 3 partitions");

        var poison = Enumerable.Range(0, 3).Select(p => (Partition: p, Record: new PoisonRecord(Guid.NewGuid(), Encoding.UTF8.GetBytes("not json")))).ToList();
        await ProduceAsync(poison.Select(p => (p.Partition, (object)p.Record)));

        await WaitForCommitsAsync(1, 1, 1, "every poison record is committed once dead-lettered");
        Assert.Equal(3, ReadDeadLetters().Count);
        Assert.Equal(1, a.Runs);
        Assert.Equal(1, b.Runs);
    }
}
