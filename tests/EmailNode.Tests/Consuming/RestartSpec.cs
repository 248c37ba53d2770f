using System.Text;
using SignupEmail.EmailNode.SendLog;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Consuming;

[Collection(KafkaCollection.Name)]
public sealed class RestartSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : PipelineSpecBase(kafka, output)
{
    [Fact]
    public async Task A_dead_letter_write_that_fails_restarts_the_stream_and_never_commits_the_record()
    {
        // A dead-letter topic with one partition: a poison record of partition 2 cannot be written
        // to "the same partition" there, so its DLT write fails every time.
        var narrowDlt = Kafka.CreateUniqueTopic("narrow-dlt", partitions: 1);
        var good = Event(0, 0);
        await ProduceAsync((2, new PoisonRecord(Guid.NewGuid(), Encoding.UTF8.GetBytes("not json"))), (0, good));

        var pipeline = StartPipeline(Delivery(), Options(o => o with { DeadLetterTopic = narrowDlt }));

        await Eventually.TrueAsync(() => Smtp.Messages.Any(m => m.MessageId == MessageIdOf(good)), Patience, "other partitions still deliver");
        await Eventually.TrueAsync(() => pipeline.Runs >= 4, Patience, "the failing stream is restarted, again and again");

        // The whole stream restarts, so the good record is redelivered on every run: the send log
        // keeps it to one e-mail. The poison record's offset is never committed without its DLT write.
        Assert.Single(Smtp.Messages);
        Assert.Equal(-1001, Committed()[2]);
        Assert.Empty(await SendLog.ListAsync(SendStatus.DeadLettered, 10, CancellationToken.None));
    }
}
