namespace SignupEmail.EmailNode.Bench;

/// <summary>The machine is shared (two cores for brokers, node and bench), so every row carries the load around it.</summary>
internal static class MachineLoad
{
    /// <summary>The 1-minute load average from <c>/proc/loadavg</c>.</summary>
    public static string LoadAverage1() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
