using SignupEmail.SignupBurst.Bench;

namespace SignupEmail.Dashboard.Bench;

/// <summary>
/// One phase: the signups answered while <see cref="Pages"/> pages were open; its wall time, from the
/// first signup sent to the later of the phase's end and the last answer; DevHost's CPU time over
/// it; what each page received; and what went wrong with any page.
/// </summary>
internal sealed record DashboardPhase(int Pages, PhaseResult Signups, TimeSpan Elapsed, TimeSpan Cpu, long[] EventsPerPage, long[] BytesPerPage, IReadOnlyList<string> PageFailures)
{
    public double SignupsPerSecond => Signups.Created / Elapsed.TotalSeconds;

    /// <summary>DevHost's CPU time as a share of one core over the phase (200 % = both cores of 2).</summary>
    public double CpuPercent => 100 * Cpu.TotalSeconds / Elapsed.TotalSeconds;

    public double P99 => Signups.Percentile(99);

    /// <summary>Every signup answered 201, and every page streamed the whole phase.</summary>
    public bool Healthy => Signups.Failed == 0 && PageFailures.Count == 0 && EventsPerPage.All(events => events > 0);
}
