using System.Diagnostics;

namespace SignupEmail.Signup.Bench.Reporting;

/// <summary>CPU used by the server, by this load generator and by the whole machine, at one instant.</summary>
internal sealed record CpuSample(long Timestamp, TimeSpan Server, TimeSpan Generator, long MachineBusy, long MachineTotal)
{
    public static CpuSample Take(TimeSpan serverCpu)
    {
        var (busy, total) = MachineLoad.CpuJiffies();
        using var self = Process.GetCurrentProcess();
        return new CpuSample(Stopwatch.GetTimestamp(), serverCpu, self.TotalProcessorTime, busy, total);
    }

    /// <summary>Cores the server kept busy between <paramref name="start"/> and this sample.</summary>
    public double ServerCores(CpuSample start) => (Server - start.Server).TotalSeconds / Seconds(start);

    /// <summary>Cores the load generator kept busy.</summary>
    public double GeneratorCores(CpuSample start) => (Generator - start.Generator).TotalSeconds / Seconds(start);

    /// <summary>Share of the whole machine that was busy (every process: the database, other users).</summary>
    public double MachineBusyShare(CpuSample start) =>
        MachineTotal == start.MachineTotal ? double.NaN : (double)(MachineBusy - start.MachineBusy) / (MachineTotal - start.MachineTotal);

    private double Seconds(CpuSample start) => Stopwatch.GetElapsedTime(start.Timestamp, Timestamp).TotalSeconds;
}
