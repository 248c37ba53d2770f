using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace SignupEmail.EmailNode.Consuming;

/// <summary>
/// Runs record handling on a few threads of its own whose OS priority is lowered (nice
/// <see cref="Nice"/>), so that when the Email node shares CPUs with request-serving work — the
/// one-process run, or a small host — the kernel lets the requests go first and e-mails take the
/// remaining CPU. A burst of e-mails then turns into a little more lag, not slower signups
/// (docs/benchmarks.md, issue #14). Continuations of the handler's awaits come back here too, since
/// an await resumes on the scheduler it started on.
/// </summary>
/// <remarks>
/// A separate thread pool alone was measured not to help: the threads still compete as equals.
/// It is the priority that matters. Only Linux lowers a single thread's priority this way; elsewhere
/// the threads keep the normal priority and <see cref="PriorityLowered"/> says so.
/// </remarks>
internal sealed class BackgroundPriorityScheduler : TaskScheduler, IDisposable
{
    /// <summary>The nice value of the threads: below every normal thread, above idle-only work.</summary>
    public const int Nice = 10;

    private const int PriorityProcess = 0;
    private readonly BlockingCollection<Task> _queue = new();
    private readonly Thread[] _threads;
    private int _lowered;

    public BackgroundPriorityScheduler(int threads, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _threads = Enumerable.Range(0, threads)
            .Select(i => new Thread(Run) { IsBackground = true, Name = $"{name}-{i}" })
            .ToArray();
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>Threads whose priority was lowered so far (all of them, on Linux, once they have started).</summary>
    public int PriorityLowered => Volatile.Read(ref _lowered);

    public override int MaximumConcurrencyLevel => _threads.Length;

    public void Dispose()
    {
        _queue.CompleteAdding();
        _queue.Dispose();
    }

    protected override void QueueTask(Task task) => _queue.Add(task);

    // Only our own threads may run the work inline; a pool thread must not take it over.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        !taskWasPreviouslyQueued && _threads.Contains(Thread.CurrentThread) && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Run()
    {
        if (OperatingSystem.IsLinux() && SetPriority(PriorityProcess, GetThreadId(), Nice) == 0)
        {
            Interlocked.Increment(ref _lowered);
        }

        try
        {
            foreach (var task in _queue.GetConsumingEnumerable())
            {
                TryExecuteTask(task);
            }
        }
        catch (ObjectDisposedException)
        {
            // Disposed while waiting for work: the node is stopping.
        }
    }

    // On Linux, PRIO_PROCESS with a thread id sets that one thread's nice value. DllImport rather than
    // LibraryImport: the latter's generated code needs unsafe blocks (see FolderSync).
    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetThreadId();
}
