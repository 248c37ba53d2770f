namespace SignupEmail.UserNode.Publishing;

/// <summary>
/// Which journal orderings the publisher has seen, sent and had acknowledged, and how far the
/// durable offset may move. Pure logic, driven by the publisher actor and unit-tested on its own.
/// </summary>
/// <remarks>
/// <para>The journal's <c>ordering</c> comes from an identity column. Under concurrent writers (PostgreSQL)
/// a transaction holding ordering 7 may commit after the one holding 8, so a query can see 8 while 7
/// is still invisible: a gap. A rolled-back insert leaves a gap that never fills.</para>
/// <para>Every visible row is published at once, also above a gap (order across users does not
/// matter: one user has one event). The offset (<see cref="Committed"/>) only moves through a
/// contiguous run of finished orderings, so a restart re-reads the gap. A gap open longer than the
/// timeout is taken for a rollback: the offset moves past it, and it is still looked for during
/// <see cref="LateWatch"/> times the timeout in case a very slow transaction commits after all.</para>
/// </remarks>
internal sealed class OrderingTracker
{
    /// <summary>A jump this large is not waited for: no writer holds that many uncommitted rows (deleted rows, a reseeded sequence).</summary>
    public const int MaxTrackedGap = 100_000;

    /// <summary>Expired gaps are still looked for during this many gap timeouts.</summary>
    public const int LateWatch = 6;

    private readonly TimeSpan _gapTimeout;

    // Orderings above Committed that were read: false while their record awaits Kafka, true once finished.
    private readonly SortedDictionary<long, bool> _read = [];
    private readonly Dictionary<long, TimeSpan> _gaps = [];
    private readonly SortedSet<long> _held = [];
    private readonly Dictionary<long, TimeSpan> _late = [];

    // Jumps too large to wait for, as first → last ordering; the offset moves over them in one step.
    private readonly Dictionary<long, long> _skipped = [];

    /// <summary>Starts after the stored offset <paramref name="committed"/>.</summary>
    public OrderingTracker(long committed, TimeSpan gapTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(committed);
        Committed = committed;
        ReadCursor = committed;
        _gapTimeout = gapTimeout;
    }

    /// <summary>Every ordering up to this one is finished: published and acknowledged, not ours, or given up as a rollback.</summary>
    public long Committed { get; private set; }

    /// <summary>Highest ordering read; the next query for new rows starts after it.</summary>
    public long ReadCursor { get; private set; }

    /// <summary>Orderings read and not finished yet (records awaiting Kafka).</summary>
    public int InFlight { get; private set; }

    /// <summary>Orderings to look for again: open gaps and recently expired ones.</summary>
    public IReadOnlyCollection<long> Missing => [.. _gaps.Keys, .. _late.Keys];

    /// <summary>
    /// Orderings that could not be published and are held: the offset stays below the lowest, so a
    /// restart (after a fix) reads them again; they no longer count as <see cref="InFlight"/>.
    /// </summary>
    public IReadOnlyCollection<long> Held => _held;

    /// <summary>Open gaps (orderings below <see cref="ReadCursor"/> not seen yet).</summary>
    public int OpenGaps => _gaps.Count;

    /// <summary>
    /// A row was read at <paramref name="now"/> (a monotonic clock). Returns <c>true</c> if it is new
    /// and must be handled (then call <see cref="Finish"/> once it is published or found not to be ours);
    /// <c>false</c> if it was seen before.
    /// </summary>
    public bool Observe(long ordering, TimeSpan now)
    {
        if (_late.Remove(ordering))
        {
            // Committed after its gap expired: publish it; the offset has already moved past it.
            return true;
        }

        if (ordering <= Committed || _read.ContainsKey(ordering))
        {
            return false;
        }

        if (ordering > ReadCursor)
        {
            if (ordering - ReadCursor - 1 <= MaxTrackedGap)
            {
                for (var missing = ReadCursor + 1; missing < ordering; missing++)
                {
                    _gaps[missing] = now;
                }
            }
            else
            {
                _skipped[ReadCursor + 1] = ordering - 1;
            }

            ReadCursor = ordering;
        }
        else
        {
            _gaps.Remove(ordering);
        }

        _read[ordering] = false;
        InFlight++;
        return true;
    }

    /// <summary>The row at <paramref name="ordering"/> is done with (acknowledged by Kafka, or not a publishable event).</summary>
    public void Finish(long ordering)
    {
        if (_read.TryGetValue(ordering, out var finished) && !finished && !_held.Contains(ordering))
        {
            _read[ordering] = true;
            InFlight--;
            Advance();
        }
    }

    /// <summary>
    /// The row at <paramref name="ordering"/> cannot be published: it stays unfinished for good, so
    /// <see cref="Committed"/> never moves past it, while later rows are still published. Until a
    /// restart every later row stays tracked in memory (a few dozen bytes each): an alarm to act on,
    /// not a state to live in.
    /// </summary>
    public void Hold(long ordering)
    {
        if (_read.TryGetValue(ordering, out var finished) && !finished && _held.Add(ordering))
        {
            InFlight--;
        }
    }

    /// <summary>Gives up the gaps older than the timeout (they are rollbacks); returns them, for the log.</summary>
    public IReadOnlyList<long> ExpireGaps(TimeSpan now)
    {
        List<long>? expired = null;
        foreach (var (ordering, since) in _gaps)
        {
            if (now - since >= _gapTimeout)
            {
                (expired ??= []).Add(ordering);
            }
        }

        foreach (var (ordering, since) in _late)
        {
            if (now - since >= _gapTimeout * LateWatch)
            {
                _late.Remove(ordering);
            }
        }

        if (expired is null)
        {
            return [];
        }

        foreach (var ordering in expired)
        {
            _gaps.Remove(ordering);
            _late[ordering] = now;
            _read[ordering] = true;
        }

        Advance();
        return expired;
    }

    private void Advance()
    {
        while (true)
        {
            if (_read.TryGetValue(Committed + 1, out var finished) && finished)
            {
                _read.Remove(Committed + 1);
                Committed++;
            }
            else if (_skipped.Remove(Committed + 1, out var last))
            {
                Committed = last;
            }
            else
            {
                return;
            }
        }
    }
}
