using System.Collections.Concurrent;

namespace SignupEmail.EmailNode.Delivery;

/// <summary>
/// Makes files durable in one folder on a thread of its own. Each file is written under a temporary
/// name, fsynced, renamed into place, and the folder is fsynced so the rename survives a crash too;
/// only then does its task complete. Files queued while a batch is being written go out as the next
/// batch, sharing one folder fsync.
/// </summary>
/// <remarks>
/// fsync blocks for milliseconds. Done on thread-pool threads it starves everything else in the
/// process of threads — in the all-in-one run, the User node's signups — until the pool grows;
/// one dedicated thread keeps that wait away from the pool.
/// </remarks>
internal sealed class PickupFileWriter : IDisposable
{
    // A bound on one batch, so the first file of a long queue is not held back by the last.
    private const int MaxBatch = 64;

    private readonly BlockingCollection<PendingFile> _queue = new();
    private readonly Thread _thread;
    private readonly string _folder;

    public PickupFileWriter(string folder)
    {
        _folder = folder;
        _thread = new Thread(Run) { IsBackground = true, Name = "pickup-file-writer" };
        _thread.Start();
    }

    /// <summary>Called on the writing thread before each file is written: lets tests see where disk work runs.</summary>
    internal Action<string>? Writing { get; set; }

    /// <summary>
    /// Writes <paramref name="content"/> durably as <paramref name="finalPath"/> (in the folder) by
    /// way of <paramref name="temporaryPath"/>. Faults with the exception that stopped it (an
    /// <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> as a rule); the
    /// temporary file is removed then.
    /// </summary>
    public Task WriteAsync(string temporaryPath, string finalPath, byte[] content)
    {
        var pending = new PendingFile(temporaryPath, finalPath, content);
        try
        {
            _queue.Add(pending);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(PickupFileWriter));
        }

        return pending.Done.Task;
    }

    /// <summary>Writes what is queued, then stops the thread.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }

    private void Run()
    {
        var batch = new List<PendingFile>(MaxBatch);
        while (_queue.TryTake(out var first, Timeout.Infinite))
        {
            batch.Add(first);
            while (batch.Count < MaxBatch && _queue.TryTake(out var next))
            {
                batch.Add(next);
            }

            WriteBatch(batch);
            batch.Clear();
        }
    }

    private void WriteBatch(List<PendingFile> batch)
    {
        var moved = new List<PendingFile>(batch.Count);
        foreach (var file in batch)
        {
            try
            {
                Writing?.Invoke(file.FinalPath);
                using (var stream = new FileStream(file.TemporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
                {
                    stream.Write(file.Content);
                    // Durable before it becomes visible: a crash must not leave an empty .eml behind a
                    // committed offset.
                    stream.Flush(flushToDisk: true);
                }

                File.Move(file.TemporaryPath, file.FinalPath, overwrite: true);
                moved.Add(file);
            }
            catch (Exception ex)
            {
                // Whatever it is, it belongs to this e-mail's delivery (and its retry), not to the
                // writer's thread: an exception escaping here would end the process.
                TryDelete(file.TemporaryPath);
                file.Done.TrySetException(ex);
            }
        }

        if (moved.Count == 0)
        {
            return;
        }

        try
        {
            FolderSync.Flush(_folder);
        }
        catch (Exception ex)
        {
            // The files are in place but their names may not survive a crash: not delivered yet. A
            // redelivery writes them again.
            moved.ForEach(file => file.Done.TrySetException(ex));
            return;
        }

        moved.ForEach(file => file.Done.TrySetResult());
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Hidden (leading dot, .tmp) and ignored by pickup services; the write itself already failed.
        }
    }

    private sealed record PendingFile(string TemporaryPath, string FinalPath, byte[] Content)
    {
        // Continuations run on the pool, never on the writer thread.
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
