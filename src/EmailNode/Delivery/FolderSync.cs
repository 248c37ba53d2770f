using System.Runtime.InteropServices;
using System.Text;

namespace SignupEmail.EmailNode.Delivery;

/// <summary>
/// fsync of a folder: makes the names created or renamed in it durable (POSIX keeps a rename in
/// the directory, not in the file; fsyncing the file alone does not persist its new name).
/// .NET has no API for it, so it calls libc. Windows has no such call and needs none.
/// </summary>
internal static class FolderSync
{
    private const int ReadOnly = 0;

    /// <summary>Flushes <paramref name="folder"/>'s entries to disk; throws <see cref="IOException"/> if the OS refuses.</summary>
    public static void Flush(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var descriptor = Open(Encoding.UTF8.GetBytes(folder + "\0"), ReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"Could not open folder '{folder}' to fsync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"fsync of folder '{folder}' failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    // DllImport rather than LibraryImport: the latter's generated code needs unsafe blocks, and
    // three calls taking ints and bytes do not justify allowing them in the project.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open(byte[] nullTerminatedUtf8Path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int descriptor);
}
