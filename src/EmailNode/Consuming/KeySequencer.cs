namespace SignupEmail.EmailNode.Consuming;

/// <summary>
/// Runs work for one partition with several records in flight while keeping each record key's
/// order: work for a key starts only after the previous work for that key has finished; work for
/// different keys overlaps. A user's records share a key, so their e-mails go out in the order
/// they were produced, and a duplicated event (same key) sees its twin's send-log entry.
/// </summary>
/// <remarks>
/// Not for concurrent callers: one sub-stream's <c>SelectAsync</c> calls <see cref="Run"/>, one
/// record at a time in offset order. The lock guards the map against the clean-up continuations,
/// which run on other threads.
/// </remarks>
internal sealed class KeySequencer
{
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Keys with work pending or running: for tests and diagnostics.</summary>
    public int PendingKeys
    {
        get
        {
            lock (_lock)
            {
                return _tails.Count;
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="work"/> once the work queued before it for <paramref name="key"/> has
    /// finished (successfully or not), and returns its task.
    /// </summary>
    public Task<T> Run<T>(string key, Func<Task<T>> work)
    {
        Task? previous;
        lock (_lock)
        {
            _tails.TryGetValue(key, out previous);
        }

        // The work itself starts outside the lock: its synchronous part may be long (decoding).
        var task = previous is null
            ? work()
            : previous.ContinueWith(_ => work(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        lock (_lock)
        {
            _tails[key] = task;
        }

        // Forget the key once its last queued work is done, so the map only holds keys in flight.
        task.ContinueWith(
            finished =>
            {
                lock (_lock)
                {
                    if (_tails.TryGetValue(key, out var tail) && ReferenceEquals(tail, finished))
                    {
                        _tails.Remove(key);
                    }
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return task;
    }
}
