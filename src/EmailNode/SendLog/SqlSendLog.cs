using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;
using SignupEmail.Shared.Contracts;
using SignupEmail.Shared.Sql;

namespace SignupEmail.EmailNode.SendLog;

/// <summary>
/// The send log in a SQL database through linq2db: SQLite, PostgreSQL or SQL Server, chosen by
/// provider name. Writes are idempotent without provider-specific upserts: a conditional UPDATE,
/// then an INSERT, and a primary-key violation taken as "someone else wrote it first".
/// </summary>
public sealed class SqlSendLog : ISendLog
{
    private readonly DataOptions _dataOptions;
    private readonly SqlProvider _provider;
    private readonly TimeProvider _time;

    /// <summary>Creates the send log for <paramref name="options"/>; opens no connection yet.</summary>
    public SqlSendLog(SendLogOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var provider = SqlProviders.Parse(options.Provider)
            ?? throw new ArgumentException($"Unknown send log provider '{options.Provider}'; expected one of {string.Join(", ", SendLogProviders.All)}.", nameof(options));
        _dataOptions = SqlProviders.DataOptions(provider, options.ConnectionString);
        _time = time;
        _provider = provider;
        Provider = provider.ToString();
    }

    /// <summary>The database in use, one of <see cref="SendLogProviders.All"/>.</summary>
    public string Provider { get; }

    /// <inheritdoc />
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var db = Open();
        try
        {
            await db.CreateTableAsync<SendLogRow>(tableOptions: TableOptions.CreateIfNotExists, token: cancellationToken);
        }
        catch (Exception ex) when (UniqueViolation.Is(ex) || UniqueViolation.IsObjectAlreadyThere(ex))
        {
            // "Create if missing" is not atomic on PostgreSQL or SQL Server: nodes starting together
            // collide in the catalog. Another node created the table, which is all we wanted.
        }

        // Added after the table: each statement leaves an existing index alone, so an older database gets it on its next start.
        foreach (var statement in SendLogIndexes.Create(_provider))
        {
            try
            {
                await db.ExecuteAsync(statement, cancellationToken);
            }
            catch (Exception ex) when (UniqueViolation.Is(ex) || UniqueViolation.IsObjectAlreadyThere(ex))
            {
                // As above: a node starting at the same time created it.
            }
        }
    }

    /// <inheritdoc />
    public async Task<bool> IsAlreadySentAsync(Guid eventId, CancellationToken cancellationToken)
    {
        var id = Key(eventId);
        await using var db = Open();
        return await db.GetTable<SendLogRow>().AnyAsync(r => r.EventId == id && r.Status == SendStatus.Sent, cancellationToken);
    }

    /// <inheritdoc />
    public async Task RecordSentAsync(HandledRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var row = ToRow(record, SendStatus.Sent, null);
        await using var db = Open();
        // A sent entry is final: only a missing or dead-lettered entry changes.
        if (await UpdateAsync(db, row, r => r.Status != SendStatus.Sent, cancellationToken) > 0
            || await TryInsertAsync(db, row, cancellationToken))
        {
            return;
        }

        // Lost an insert race: upgrade the winner if it was a dead-letter entry, else it is already sent.
        await UpdateAsync(db, row, r => r.Status != SendStatus.Sent, cancellationToken);
    }

    /// <inheritdoc />
    public async Task RecordDeadLetteredAsync(HandledRecord record, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        var row = ToRow(record, SendStatus.DeadLettered, error);
        await using var db = Open();
        // Never downgrade a sent entry; refresh an earlier dead-letter entry with the latest failure.
        if (await UpdateAsync(db, row, r => r.Status == SendStatus.DeadLettered, cancellationToken) > 0)
        {
            return;
        }

        await TryInsertAsync(db, row, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<SendLogEntry?> FindAsync(Guid eventId, CancellationToken cancellationToken)
    {
        var id = Key(eventId);
        await using var db = Open();
        var row = await db.GetTable<SendLogRow>().FirstOrDefaultAsync(r => r.EventId == id, cancellationToken);
        return row is null ? null : ToEntry(row);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SendLogEntry>> FindByRecipientAsync(string canonicalAddress, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(canonicalAddress);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        var identity = EmailAddress.Identity(canonicalAddress);
        await using var db = Open();
        var rows = db.GetTable<SendLogRow>().AsQueryable();

        // Both forms are indexed (SendLogIndexes). SQL Server's default collation already compares
        // without case, and lower() there would not use the index. Elsewhere lower() finds any case
        // of the address (SQLite folds only ASCII letters: a non-ASCII capital is found as stored).
        rows = _provider == SqlProvider.SqlServer
            ? rows.Where(r => r.Recipient == canonicalAddress)
            : rows.Where(r => r.Recipient == canonicalAddress || Sql.Lower(r.Recipient) == identity);
        var found = await rows
            .OrderByDescending(r => r.RecordedAt)
            .ThenBy(r => r.EventId)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return found.ConvertAll(ToEntry);
    }

    /// <inheritdoc />
    public async Task<int> CountAsync(SendStatus? status, CancellationToken cancellationToken)
    {
        await using var db = Open();
        return await Filter(db, status).CountAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SendLogEntry>> ListAsync(SendStatus? status, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        await using var db = Open();
        var rows = await Filter(db, status)
            .OrderByDescending(r => r.RecordedAt)
            .ThenBy(r => r.EventId)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(ToEntry);
    }

    /// <summary>Opens a connection the way every operation does (PRAGMAs included on SQLite).</summary>
    internal DataConnection Open() => new(_dataOptions);

    private static IQueryable<SendLogRow> Filter(DataConnection db, SendStatus? status) =>
        status is { } only ? db.GetTable<SendLogRow>().Where(r => r.Status == only) : db.GetTable<SendLogRow>();

    private static Task<int> UpdateAsync(
        DataConnection db, SendLogRow row, System.Linq.Expressions.Expression<Func<SendLogRow, bool>> when, CancellationToken cancellationToken) =>
        db.GetTable<SendLogRow>()
            .Where(r => r.EventId == row.EventId)
            .Where(when)
            .Set(r => r.UserId, row.UserId)
            .Set(r => r.Recipient, row.Recipient)
            .Set(r => r.Locale, row.Locale)
            .Set(r => r.Status, row.Status)
            .Set(r => r.Attempts, row.Attempts)
            .Set(r => r.Partition, row.Partition)
            .Set(r => r.Offset, row.Offset)
            .Set(r => r.MessageId, row.MessageId)
            .Set(r => r.RecordedAt, row.RecordedAt)
            .Set(r => r.LastError, row.LastError)
            .UpdateAsync(cancellationToken);

    private static async Task<bool> TryInsertAsync(DataConnection db, SendLogRow row, CancellationToken cancellationToken)
    {
        try
        {
            await db.InsertAsync(row, token: cancellationToken);
            return true;
        }
        catch (Exception ex) when (UniqueViolation.Is(ex))
        {
            return false;
        }
    }

    private SendLogRow ToRow(HandledRecord record, SendStatus status, string? error) => new()
    {
        EventId = Key(record.EventId),
        UserId = record.UserId,
        Recipient = record.Recipient,
        Locale = record.Locale,
        Status = status,
        Attempts = record.Attempts,
        Partition = record.Partition,
        Offset = record.Offset,
        MessageId = record.MessageId,
        // UTC everywhere: Npgsql refuses other offsets for timestamptz, and SQLite compares text.
        RecordedAt = _time.GetUtcNow(),
        LastError = error is { Length: > SendLogRow.MaxErrorLength } ? error[..SendLogRow.MaxErrorLength] : error,
    };

    private static SendLogEntry ToEntry(SendLogRow row) => new(
        Guid.Parse(row.EventId),
        row.UserId,
        row.Recipient,
        row.Locale,
        row.Status,
        row.Attempts,
        row.Partition,
        row.Offset,
        row.MessageId,
        row.RecordedAt.ToUniversalTime(),
        row.LastError);

    private static string Key(Guid eventId) => eventId.ToString("D");
}
