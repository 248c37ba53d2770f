using System.Globalization;

namespace SignupEmail.Signup.Bench.Reporting;

/// <summary>Whole-machine figures from <c>/proc</c>: the machine is shared, so every figure carries them.</summary>
internal static class MachineLoad
{
    /// <summary>The 1/5/15-minute load averages, e.g. <c>1.67 3.31 3.72</c>.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The 1-minute load average alone.</summary>
    public static string LoadAverage1() => LoadAverage().Split(' ')[0];

    /// <summary>Busy and total jiffies of all cores since boot (<c>/proc/stat</c>), for a busy share between two samples.</summary>
    public static (long Busy, long Total) CpuJiffies()
    {
        if (!File.Exists("/proc/stat"))
        {
            return (0, 0);
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0); // idle + iowait
        var total = fields.Take(8).Sum(); // user..steal; guest is already in user
        return (total - idle, total);
    }
}
