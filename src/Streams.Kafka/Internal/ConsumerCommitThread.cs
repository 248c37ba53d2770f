namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>
/// Runs a consumer's commits, one at a time, on a thread of their own. Confluent's commit call
/// blocks until the group coordinator answers, and with every broker down librdkafka waits for a
/// coordinator until the session times out (45 s by default): on the poll thread that froze polling,
/// further commits and closing. librdkafka's handle is thread-safe; the poll loop only ever closes
/// the consumer while a commit may be waiting here (closing fails that commit) and disposes it once
/// this thread has ended.
/// </summary>
internal sealed class ConsumerCommitThread
{
    private readonly object _lock = new();
    private readonly Queue<(Action Commit, TaskCompletionSource Done)> _work = new();
    private readonly Thread _thread;
    private bool _stopping;

    public ConsumerCommitThread(string name)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = $"kafka-commit-{name}" };
        _thread.Start();
    }

    /// <summary>Queues <paramref name="commit"/>; the task completes when it has run, faulting with what it threw.</summary>
    public Task Submit(Action commit)
    {
        var done = new TaskCompletionSource();
        lock (_lock)
        {
            if (_stopping)
            {
                done.SetException(new ObjectDisposedException(nameof(ConsumerCommitThread), "The consumer is closing."));
                return done.Task;
            }

            _work.Enqueue((commit, done));
            Monitor.Pulse(_lock);
        }

        return done.Task;
    }

    /// <summary>Takes no more commits and waits up to <paramref name="timeout"/> for those queued; false if one still runs.</summary>
    public bool Stop(TimeSpan timeout)
    {
        lock (_lock)
        {
            _stopping = true;
            Monitor.Pulse(_lock);
        }

        return _thread.Join(timeout);
    }

    private void Run()
    {
        while (true)
        {
            (Action Commit, TaskCompletionSource Done) next;
            lock (_lock)
            {
                while (_work.Count == 0 && !_stopping)
                {
                    Monitor.Wait(_lock);
                }

                if (!_work.TryDequeue(out next))
                {
                    return;
                }
            }

            try
            {
                next.Commit();
                next.Done.TrySetResult();
            }
            catch (Exception e)
            {
                next.Done.TrySetException(e);
            }
        }
    }
}
