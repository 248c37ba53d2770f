using Confluent.Kafka;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.EmailNode.Delivery;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Consuming;

/// <summary>What the admin API shows per partition: Retrying while a record waits for another attempt, else Consuming.</summary>
[Collection(KafkaCollection.Name)]
public sealed class PartitionStateSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : PipelineSpecBase(kafka, output)
{
    [Fact]
    public async Task A_partition_whose_record_waits_for_a_retry_is_Retrying_and_the_others_are_Consuming_until_it_is_sent()
    {
        var stuck = Event(1, 0);
        var delivery = Delivery();
        delivery.Failing[stuck.EventId] = new MailDeliveryException("451 4.3.0 try again later", DeliveryFailureKind.Transient, 451, null);
        // A breaker that never opens: this test is about the partition's own retries.
        var options = Options(o => o with { CircuitBreaker = new CircuitBreakerOptions { MaxFailures = 1000, ResetTimeout = TimeSpan.FromSeconds(1) } });
        var pipeline = StartPipeline(delivery, options);
        await Eventually.TrueAsync(() => pipeline.AssignedPartitions.Count == 3, Patience, "the only node gets all 3 partitions");
        var partitions = Enumerable.Range(0, 3).Select(p => new TopicPartition(Topic, p)).ToList();
        // Assigned first, then each partition's sub-stream starts: Paused until it does.
        await Eventually.TrueAsync(() => partitions.All(p => pipeline.StateOf(p) == PartitionState.Consuming), Patience, "every partition's sub-stream runs");

        await ProduceAsync((1, stuck));

        await Eventually.TrueAsync(() => pipeline.StateOf(partitions[1]) == PartitionState.Retrying, Patience, "partition 1 waits for its record's next attempt");
        Assert.Equal(PartitionState.Consuming, pipeline.StateOf(partitions[0]));
        Assert.Equal(PartitionState.Consuming, pipeline.StateOf(partitions[2]));
        Assert.Equal(PartitionState.Paused, pipeline.StateOf(new TopicPartition(Topic, 7)));

        delivery.Failing.Clear();
        await WaitForCommitsAsync(-1001, 1, -1001, "the record is sent once the failure passes");
        await Eventually.TrueAsync(() => pipeline.StateOf(partitions[1]) == PartitionState.Consuming, Patience, "partition 1 consumes again");
    }
}
