using System.Globalization;
using System.Text;
using SignupEmail.EmailNode.DeadLetters;
using SignupEmail.EmailNode.SendLog;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Consuming;

/// <summary>Poison records on a PostgreSQL send log (each test its own database).</summary>
[Collection(KafkaCollection.Name)]
public sealed class DeadLetterSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : PipelineSpecBase(kafka, output)
{
    private PostgresScratchDatabase? _database;

    protected override async Task<SendLogOptions> CreateSendLogAsync()
    {
        _database = await PostgresScratchDatabase.CreateAsync("signupemail_pipeline");
        return new SendLogOptions { Provider = SendLogProviders.PostgreSql, ConnectionString = _database.ConnectionString };
    }

    protected override async Task DropSendLogAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Poison_records_in_the_middle_of_a_partition_go_to_the_dlt_with_every_header_and_later_records_are_still_delivered()
    {
        var before = Event(1, 0);
        var badJson = new PoisonRecord(Guid.NewGuid(), Encoding.UTF8.GetBytes("{\"schemaVersion\":1, not json"));
        var badAddress = Event(1, 2, email: "not-an-address");
        var rejected = Event(1, 3, email: "reject.me@example.com");
        var after = Event(1, 4);
        var elsewhere = Event(2, 0);
        // The bad address cannot go through the encoder (it refuses invalid events): write its JSON by hand.
        var badAddressJson = new PoisonRecord(badAddress.EventId, Encoding.UTF8.GetBytes(
            $$"""{"schemaVersion":1,"eventId":"{{badAddress.EventId}}","userId":"u","email":"not-an-address","name":"N","locale":"en","occurredAt":"2026-01-01T00:00:00Z"}"""));
        await ProduceAsync((1, before), (1, badJson), (1, badAddressJson), (1, rejected), (1, after), (2, elsewhere));
        var startedAt = DateTimeOffset.UtcNow;

        var pipeline = StartPipeline(Delivery());

        await Eventually.TrueAsync(() => Smtp.Messages.Count == 3, Patience, "the three good e-mails arrive, the one after the poison included");
        await WaitForCommitsAsync(-1001, 5, 1, "partition 1 is committed past its poison records");
        Assert.Equal(
            new[] { before, after, elsewhere }.Select(MessageIdOf).Order(),
            Smtp.Messages.Select(m => m.MessageId).Order());

        var dead = ReadDeadLetters();
        Assert.Equal(3, dead.Count);
        Assert.All(dead, d => Assert.Equal(1, d.Partition.Value));
        Assert.Equal([1L, 2L, 3L], dead.Select(d => Long(Header(d, DeadLetterHeaders.OriginalOffset))));
        foreach (var record in dead)
        {
            Assert.Equal(Topic, Header(record, DeadLetterHeaders.OriginalTopic));
            Assert.Equal("1", Header(record, DeadLetterHeaders.OriginalPartition));
            Assert.True(Long(Header(record, DeadLetterHeaders.OriginalTimestamp)) >= startedAt.AddMinutes(-1).ToUnixTimeMilliseconds());
            Assert.Equal(GroupId, Header(record, DeadLetterHeaders.ConsumerGroup));
            Assert.NotEmpty(Header(record, DeadLetterHeaders.ExceptionType));
            var message = Header(record, DeadLetterHeaders.ExceptionMessage);
            Assert.InRange(message.Length, 1, DeadLetterHeaders.MaxMessageLength);
            Assert.DoesNotContain("reject.me@example.com", message, StringComparison.Ordinal);
            Assert.Equal("1", Header(record, DeadLetterHeaders.Attempts));
            var failedAt = DateTimeOffset.Parse(Header(record, DeadLetterHeaders.FailedAt), CultureInfo.InvariantCulture);
            Assert.InRange(failedAt, startedAt.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        }

        // The original bytes and headers travel unchanged.
        Assert.Equal(badJson.Value, dead[0].Message.Value);
        Assert.Equal("kept", Encoding.UTF8.GetString(dead[0].Message.Headers.GetLastBytes("x-test")));
        Assert.Equal("DecodeFailure.UndecodableJson", Header(dead[0], DeadLetterHeaders.ExceptionType));
        Assert.Equal("DecodeFailure.InvalidEmailAddress", Header(dead[1], DeadLetterHeaders.ExceptionType));
        Assert.Equal(typeof(Delivery.MailDeliveryException).FullName, Header(dead[2], DeadLetterHeaders.ExceptionType));
        Assert.Equal(rejected.EventId.ToString("D"), Encoding.UTF8.GetString(dead[2].Message.Headers.GetLastBytes("ce_id")));

        // The send log knows which events were dead-lettered, and why.
        foreach (var id in new[] { badJson.EventId, badAddress.EventId, rejected.EventId })
        {
            var entry = await SendLog.FindAsync(id, CancellationToken.None);
            Assert.NotNull(entry);
            Assert.Equal(SendStatus.DeadLettered, entry.Status);
            Assert.Equal(1, entry.Partition);
            Assert.False(string.IsNullOrWhiteSpace(entry.LastError));
        }

        Assert.Equal(SendStatus.Sent, (await SendLog.FindAsync(after.EventId, CancellationToken.None))!.Status);
        Assert.True(pipeline.IsRunning);
    }

    [Fact]
    public async Task An_unknown_failure_is_retried_the_configured_number_of_times_then_dead_lettered()
    {
        var broken = Event(0, 0);
        var next = Event(0, 1);
        var delivery = Delivery();
        delivery.Failing[broken.EventId] = new InvalidOperationException("template engine exploded for kim@example.com");
        await ProduceAsync((0, broken), (0, next));

        StartPipeline(delivery, Options(o => o with { Retry = o.Retry with { UnknownMaxAttempts = 3 } }));

        await WaitForCommitsAsync(2, -1001, -1001, "both records of partition 0 are done");
        var dead = Assert.Single(ReadDeadLetters());
        Assert.Equal("3", Header(dead, DeadLetterHeaders.Attempts));
        Assert.Equal(typeof(InvalidOperationException).FullName, Header(dead, DeadLetterHeaders.ExceptionType));
        Assert.Equal("template engine exploded for k***@example.com", Header(dead, DeadLetterHeaders.ExceptionMessage));
        Assert.Equal(MessageIdOf(next), Assert.Single(Smtp.Messages).MessageId);
        Assert.Equal(4, delivery.Attempts);
    }
}
