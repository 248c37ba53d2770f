using System.Collections.Concurrent;

namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>
/// Work that other threads hand to a consumer's poll thread, which runs it between polls. Once the
/// loop has terminated nothing will run any more: queued and later commands are aborted instead,
/// so that no caller waits forever on a consumer that is gone.
/// </summary>
internal sealed class ConsumerCommandQueue
{
    private readonly Lock _lock = new();
    private readonly ConcurrentQueue<Command> _commands = new();
    private bool _terminated;
    private Exception? _terminationError;

    /// <summary>
    /// Queues <paramref name="run"/> for the poll thread; if the loop has terminated, calls
    /// <paramref name="abort"/> at once with the error that terminated it (null after a clean close).
    /// </summary>
    public void Enqueue(Action run, Action<Exception?> abort)
    {
        lock (_lock)
        {
            if (!_terminated)
            {
                _commands.Enqueue(new Command(run, abort));
                return;
            }
        }

        abort(_terminationError);
    }

    /// <summary>Runs every queued command (poll thread).</summary>
    public void RunAll()
    {
        while (_commands.TryDequeue(out var command))
        {
            command.Run();
        }
    }

    /// <summary>Refuses further commands and aborts those still queued.</summary>
    public void Terminate(Exception? error)
    {
        lock (_lock)
        {
            _terminated = true;
            _terminationError = error;
        }

        while (_commands.TryDequeue(out var command))
        {
            command.Abort(error);
        }
    }

    private sealed record Command(Action Run, Action<Exception?> Abort);
}
