using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace SignupEmail.UserNode.Publishing;

/// <summary>
/// The publisher's database access, provider-neutral through linq2db: reads the plugin's journal
/// table by its <c>ordering</c> (primary key, so every query is an index range scan whatever the
/// table size) and keeps the durable offset in a table of its own, created on start.
/// </summary>
internal sealed class JournalStore(DataOptions dataOptions)
{
    // linq2db inlines the list into IN (...); keep statements small.
    private const int MaxOrderingsPerQuery = 500;

    /// <summary>Rows after <paramref name="after"/>, in ordering, at most <paramref name="limit"/>.</summary>
    public async Task<List<JournalRow>> ReadAfterAsync(long after, int limit, CancellationToken cancellationToken)
    {
        await using var db = new DataConnection(dataOptions);
        return await db.GetTable<JournalRow>()
            .Where(row => row.Ordering > after)
            .OrderBy(row => row.Ordering)
            .Take(limit)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The rows among <paramref name="orderings"/> that are visible now.</summary>
    public async Task<List<JournalRow>> ReadOrderingsAsync(IReadOnlyCollection<long> orderings, CancellationToken cancellationToken)
    {
        var rows = new List<JournalRow>();
        if (orderings.Count == 0)
        {
            return rows;
        }

        await using var db = new DataConnection(dataOptions);
        foreach (var chunk in orderings.Chunk(MaxOrderingsPerQuery))
        {
            rows.AddRange(await db.GetTable<JournalRow>()
                .Where(row => chunk.Contains(row.Ordering))
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false));
        }

        return rows;
    }

    /// <summary>Creates the offset table if needed and returns the stored offset of <paramref name="publisherId"/> (0 if none).</summary>
    public async Task<long> LoadOffsetAsync(string publisherId, CancellationToken cancellationToken)
    {
        await using var db = new DataConnection(dataOptions);
        try
        {
            await db.CreateTableAsync<PublisherOffsetRow>(tableOptions: TableOptions.CheckExistence, token: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Another node may have created it at the same moment (IF NOT EXISTS is not atomic on
            // PostgreSQL); anything else fails the read below with the real error.
        }

        var stored = await db.GetTable<PublisherOffsetRow>()
            .Where(row => row.PublisherId == publisherId)
            .Select(row => (long?)row.Ordering)
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        return stored ?? 0;
    }

    /// <summary>Stores <paramref name="ordering"/> as the offset of <paramref name="publisherId"/>.</summary>
    public async Task SaveOffsetAsync(string publisherId, long ordering, CancellationToken cancellationToken)
    {
        await using var db = new DataConnection(dataOptions);
        await db.GetTable<PublisherOffsetRow>().InsertOrUpdateAsync(
            () => new PublisherOffsetRow { PublisherId = publisherId, Ordering = ordering },
            row => new PublisherOffsetRow { Ordering = ordering },
            cancellationToken).ConfigureAwait(false);
    }
}
