using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Consuming;

/// <summary>
/// <c>Email:Kafka:HandlerThreads</c>: records are handled on the pipeline's own threads of lowered
/// priority, with the same guarantees (every partition delivered, logged and committed to its end).
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class HandlerThreadsSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : PipelineSpecBase(kafka, output)
{
    [Fact]
    public async Task With_handler_threads_every_record_is_delivered_from_them_and_committed()
    {
        var events = Enumerable.Range(0, 3).SelectMany(p => Enumerable.Range(0, 4).Select(n => (Partition: p, Event: Event(p, n)))).ToList();
        await ProduceAsync(events.Select(e => (e.Partition, (object)e.Event)));
        var delivery = Delivery();

        StartPipeline(delivery, Options(o => o with { HandlerThreads = 2, MaxInFlightPerPartition = 2 }));

        await WaitForCommitsAsync(4, 4, 4, "every partition is committed to its end");
        Assert.Equal(events.Count, Smtp.Messages.Count);
        Assert.All(delivery.Threads, name => Assert.StartsWith("email-handler-", name, StringComparison.Ordinal));
    }
}
