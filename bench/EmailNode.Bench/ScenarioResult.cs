using System.Globalization;

namespace SignupEmail.EmailNode.Bench;

/// <summary>One scenario's figures and whether it delivered exactly what it was given.</summary>
/// <param name="Name">Scenario name, first column.</param>
/// <param name="Records">Records the scenario had to handle.</param>
/// <param name="Delivered">Distinct expected event ids found delivered (send log, and .eml files or SMTP messages).</param>
/// <param name="Elapsed">First to last record handled (send-log time), or first sent to last handled at a steady rate.</param>
/// <param name="LatenciesMs">Produce → handled per record, when measured.</param>
/// <param name="LoadStart">1-minute load average before the scenario.</param>
/// <param name="LoadEnd">1-minute load average after it.</param>
/// <param name="Problems">Why the scenario's counts are wrong; empty when it delivered exactly <paramref name="Records"/>.</param>
internal sealed record ScenarioResult(
    string Name, int Records, int Delivered, TimeSpan Elapsed, double[] LatenciesMs, string LoadStart, string LoadEnd, IReadOnlyList<string> Problems)
{
    public bool Ok => Problems.Count == 0;

    public double RecordsPerSecond => Records / Elapsed.TotalSeconds;

    public static string Header =>
        $"| {"scenario",-27} | {"records",7} | {"delivered",9} | {"seconds",7} | {"records/s",9} | {"ratio",5} | {"p50 ms",7} | {"p95 ms",7} | {"p99 ms",7} | {"max ms",7} | {"load start/end",14} |";

    public static string Rule =>
        "|-----------------------------|---------|-----------|---------|-----------|-------|---------|---------|---------|---------|----------------|";

    /// <summary>A table row; the ratio is this scenario's throughput over <paramref name="baseline"/>'s.</summary>
    public string ToRow(ScenarioResult? baseline) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Name,-27} | {Records,7} | {Delivered,9} | {Elapsed.TotalSeconds,7:0.00} | {RecordsPerSecond,9:0} | {(baseline is null ? "-" : (RecordsPerSecond / baseline.RecordsPerSecond).ToString("0.00", CultureInfo.InvariantCulture)),5} | {Percentile(0.50),7} | {Percentile(0.95),7} | {Percentile(0.99),7} | {Percentile(1.0),7} | {$"{LoadStart} / {LoadEnd}",14} |");

    private string Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return "-";
        }

        var sorted = LatenciesMs.Order().ToArray();
        var value = sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return value.ToString("0.0", CultureInfo.InvariantCulture);
    }
}
