using LinqToDB.Data;
using SignupEmail.EmailNode.SendLog;

namespace SignupEmail.EmailNode.Tests;

/// <summary>The send log's contract, run against every database we can reach here.</summary>
public abstract class SendLogSpec : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private protected ManualTimeProvider Clock { get; } = new(Start);

    private protected SqlSendLog Log { get; private set; } = null!;

    protected abstract Task<SendLogOptions> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    /// <summary>Names of the send log table's indexes, as the database's catalogue lists them.</summary>
    protected abstract Task<IReadOnlyList<string>> IndexNamesAsync();

    public async Task InitializeAsync()
    {
        Log = new SqlSendLog(await CreateDatabaseAsync(), Clock);
        await Log.EnsureSchemaAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => DropDatabaseAsync();

    private static HandledRecord Record(Guid? eventId = null, int attempts = 1, long offset = 42) => new(
        eventId ?? Guid.NewGuid(), "user-1", "김민지@example.com", "ko", attempts, 2, offset, "mid@signupemail");

    [Fact]
    public async Task Creating_the_schema_again_is_harmless_even_concurrently()
    {
        await Log.RecordSentAsync(Record(), CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Log.EnsureSchemaAsync(CancellationToken.None)));

        Assert.Equal(1, await Log.CountAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_event_is_not_already_sent()
    {
        Assert.False(await Log.IsAlreadySentAsync(Guid.NewGuid(), CancellationToken.None));
        Assert.Null(await Log.FindAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task A_sent_event_is_recorded_with_every_column()
    {
        var record = Record();

        await Log.RecordSentAsync(record, CancellationToken.None);

        Assert.True(await Log.IsAlreadySentAsync(record.EventId, CancellationToken.None));
        var entry = await Log.FindAsync(record.EventId, CancellationToken.None);
        Assert.Equal(
            new SendLogEntry(record.EventId, "user-1", "김민지@example.com", "ko", SendStatus.Sent, 1, 2, 42, "mid@signupemail", Start, null),
            entry);
    }

    [Fact]
    public async Task Recording_a_send_twice_neither_fails_nor_duplicates()
    {
        var record = Record();
        await Log.RecordSentAsync(record, CancellationToken.None);
        Clock.Advance(TimeSpan.FromMinutes(1));

        await Log.RecordSentAsync(record with { Attempts = 3, Offset = 99 }, CancellationToken.None);

        Assert.Equal(1, await Log.CountAsync(null, CancellationToken.None));
        var entry = await Log.FindAsync(record.EventId, CancellationToken.None);
        Assert.Equal(1, entry?.Attempts);
        Assert.Equal(42, entry?.Offset);
        Assert.Equal(Start, entry?.RecordedAt);
    }

    [Fact]
    public async Task Concurrent_records_of_one_event_leave_one_row()
    {
        var record = Record();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => i % 2 == 0
            ? Log.RecordSentAsync(record, CancellationToken.None)
            : Log.RecordDeadLetteredAsync(record, "boom", CancellationToken.None)));

        Assert.Equal(1, await Log.CountAsync(null, CancellationToken.None));
        // Whatever the interleaving, a send is never lost to a dead-letter record.
        Assert.Equal(SendStatus.Sent, (await Log.FindAsync(record.EventId, CancellationToken.None))?.Status);
    }

    [Fact]
    public async Task A_dead_lettered_event_is_not_sent_and_keeps_its_error()
    {
        var record = Record(attempts: 5);

        await Log.RecordDeadLetteredAsync(record, "550 5.1.1 mailbox unavailable", CancellationToken.None);

        Assert.False(await Log.IsAlreadySentAsync(record.EventId, CancellationToken.None));
        var entry = await Log.FindAsync(record.EventId, CancellationToken.None);
        Assert.Equal(SendStatus.DeadLettered, entry?.Status);
        Assert.Equal("550 5.1.1 mailbox unavailable", entry?.LastError);
        Assert.Equal(5, entry?.Attempts);
        Assert.Equal(1, await Log.CountAsync(SendStatus.DeadLettered, CancellationToken.None));
        Assert.Equal(0, await Log.CountAsync(SendStatus.Sent, CancellationToken.None));
    }

    [Fact]
    public async Task Dead_lettering_twice_keeps_one_row_with_the_latest_failure()
    {
        var record = Record();
        await Log.RecordDeadLetteredAsync(record, "first", CancellationToken.None);
        Clock.Advance(TimeSpan.FromMinutes(1));

        await Log.RecordDeadLetteredAsync(record with { Attempts = 2 }, "second", CancellationToken.None);

        var entry = await Log.FindAsync(record.EventId, CancellationToken.None);
        Assert.Equal(1, await Log.CountAsync(null, CancellationToken.None));
        Assert.Equal("second", entry?.LastError);
        Assert.Equal(2, entry?.Attempts);
        Assert.Equal(Start.AddMinutes(1), entry?.RecordedAt);
    }

    [Fact]
    public async Task A_replayed_dead_letter_that_is_sent_becomes_sent()
    {
        var record = Record();
        await Log.RecordDeadLetteredAsync(record, "451 try later", CancellationToken.None);

        await Log.RecordSentAsync(record with { Attempts = 1, Offset = 7 }, CancellationToken.None);

        var entry = await Log.FindAsync(record.EventId, CancellationToken.None);
        Assert.Equal(SendStatus.Sent, entry?.Status);
        Assert.Null(entry?.LastError);
        Assert.Equal(7, entry?.Offset);
        Assert.True(await Log.IsAlreadySentAsync(record.EventId, CancellationToken.None));
    }

    [Fact]
    public async Task A_sent_event_is_never_downgraded_to_dead_lettered()
    {
        var record = Record();
        await Log.RecordSentAsync(record, CancellationToken.None);

        await Log.RecordDeadLetteredAsync(record, "late failure of a duplicate", CancellationToken.None);

        var entry = await Log.FindAsync(record.EventId, CancellationToken.None);
        Assert.Equal(SendStatus.Sent, entry?.Status);
        Assert.Null(entry?.LastError);
    }

    [Fact]
    public async Task A_record_that_could_not_be_decoded_is_logged_with_what_is_known()
    {
        var eventId = Guid.NewGuid();

        await Log.RecordDeadLetteredAsync(new HandledRecord(eventId, null, null, null, 1, 0, 3, null), "undecodable", CancellationToken.None);

        var entry = await Log.FindAsync(eventId, CancellationToken.None);
        Assert.Equal(new SendLogEntry(eventId, null, null, null, SendStatus.DeadLettered, 1, 0, 3, null, Start, "undecodable"), entry);
    }

    [Fact]
    public async Task A_long_error_is_truncated_not_rejected()
    {
        var record = Record();

        await Log.RecordDeadLetteredAsync(record, new string('e', 5000), CancellationToken.None);

        Assert.Equal(2000, (await Log.FindAsync(record.EventId, CancellationToken.None))?.LastError?.Length);
    }

    [Fact]
    public async Task The_list_is_newest_first_filtered_and_limited()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var record = Record();
            ids.Add(record.EventId);
            if (i == 2)
            {
                await Log.RecordDeadLetteredAsync(record, "bad", CancellationToken.None);
            }
            else
            {
                await Log.RecordSentAsync(record, CancellationToken.None);
            }

            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var newestSent = await Log.ListAsync(SendStatus.Sent, 3, CancellationToken.None);
        var all = await Log.ListAsync(null, 100, CancellationToken.None);

        Assert.Equal([ids[4], ids[3], ids[1]], newestSent.Select(e => e.EventId));
        Assert.Equal(Enumerable.Reverse(ids), all.Select(e => e.EventId));
        Assert.Equal(4, await Log.CountAsync(SendStatus.Sent, CancellationToken.None));
        Assert.Equal(5, await Log.CountAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task An_address_is_found_in_any_case_newest_first_and_no_other()
    {
        var first = Record() with { Recipient = "Minji.Kim@example.com" };
        var second = Record() with { Recipient = "Minji.Kim@example.com" };
        await Log.RecordSentAsync(first, CancellationToken.None);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Log.RecordDeadLetteredAsync(second, "boom", CancellationToken.None);
        await Log.RecordSentAsync(Record(), CancellationToken.None);

        foreach (var spelling in new[] { "Minji.Kim@example.com", "minji.kim@example.com", "MINJI.KIM@example.com" })
        {
            var found = await Log.FindByRecipientAsync(spelling, 10, CancellationToken.None);
            Assert.Equal([second.EventId, first.EventId], found.Select(e => e.EventId));
        }

        Assert.Equal([SendStatus.DeadLettered], (await Log.FindByRecipientAsync("minji.kim@example.com", 1, CancellationToken.None)).Select(e => e.Status));
        Assert.Empty(await Log.FindByRecipientAsync("minji@example.com", 10, CancellationToken.None));
        var korean = Assert.Single(await Log.FindByRecipientAsync("김민지@example.com", 10, CancellationToken.None));
        Assert.Equal("김민지@example.com", korean.Recipient);
    }

    [Fact]
    public async Task A_send_log_made_before_the_recipient_indexes_gets_them_on_start_and_keeps_its_rows()
    {
        var record = Record();
        await Log.RecordSentAsync(record, CancellationToken.None);
        await using (var db = Log.Open())
        {
            await db.ExecuteAsync("DROP INDEX IF EXISTS ix_email_send_log_recipient");
            await db.ExecuteAsync("DROP INDEX IF EXISTS ix_email_send_log_recipient_lower");
        }

        Assert.DoesNotContain("ix_email_send_log_recipient", await IndexNamesAsync());

        await Log.EnsureSchemaAsync(CancellationToken.None);

        Assert.Superset(new HashSet<string>(["ix_email_send_log_recipient", "ix_email_send_log_recipient_lower"]), (await IndexNamesAsync()).ToHashSet());
        Assert.Equal(record.EventId, Assert.Single(await Log.FindByRecipientAsync("김민지@example.com", 10, CancellationToken.None)).EventId);
    }
}
