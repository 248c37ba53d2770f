using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace SignupEmail.EmbeddedKafka.Native;

/// <summary>
/// Points our <c>[LibraryImport("librdkafka")]</c> calls at the very librdkafka that Confluent.Kafka
/// mapped into the process.
/// </summary>
/// <remarks>
/// On Debian 12 the package's default <c>librdkafka.so</c> cannot load (it needs
/// <c>libsasl2.so.3</c>) and Confluent.Kafka silently falls back to a sibling build. A plain
/// DllImport would therefore fail, and a second copy of the library would give the mock cluster and
/// the clients two separate sets of globals. So we let Confluent pick, read the path it chose from
/// <c>/proc/self/maps</c> and hand that same handle to the runtime.
/// </remarks>
internal static class LibRdKafkaResolver
{
    private static readonly Lock Gate = new();
    private static IntPtr s_handle;

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (s_handle != IntPtr.Zero)
            {
                return;
            }

            Library.Load();
            var path = FindMappedLibRdKafka()
                ?? throw new InvalidOperationException(
                    "Confluent.Kafka loaded librdkafka, but no librdkafka*.so appears in /proc/self/maps.");
            s_handle = NativeLibrary.Load(path);
            NativeLibrary.SetDllImportResolver(typeof(LibRdKafkaResolver).Assembly, Resolve);
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == LibRdKafka.Name ? s_handle : IntPtr.Zero;

    private static string? FindMappedLibRdKafka()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The embedded Kafka cluster locates librdkafka through /proc and runs on Linux only.");
        }

        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            // Format: address perms offset dev inode pathname — the path is the last field.
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                continue;
            }

            var path = line[slash..].Trim();
            var file = Path.GetFileName(path);
            if (file.Contains("librdkafka", StringComparison.Ordinal) && file.EndsWith(".so", StringComparison.Ordinal))
            {
                return path;
            }
        }

        return null;
    }
}
