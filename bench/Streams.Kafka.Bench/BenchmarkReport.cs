using System.Globalization;

namespace SignupEmail.Streams.Kafka.Bench;

/// <summary>One measured run: throughput and per-record latency, printable next to a baseline.</summary>
/// <param name="Name">Scenario name, first column of the table.</param>
/// <param name="Records">Records produced.</param>
/// <param name="Elapsed">Wall time from the first record handed over to the last one acknowledged.</param>
/// <param name="LatenciesMs">Per-record latency in milliseconds: handed over → acknowledged (for a flow: emitted).</param>
public sealed record BenchmarkReport(string Name, int Records, TimeSpan Elapsed, double[] LatenciesMs)
{
    /// <summary>Throughput over the whole run.</summary>
    public double RecordsPerSecond => Records / Elapsed.TotalSeconds;

    /// <summary>Median latency, ms.</summary>
    public double P50 => Percentile(0.50);

    /// <summary>95th percentile latency, ms.</summary>
    public double P95 => Percentile(0.95);

    /// <summary>99th percentile latency, ms.</summary>
    public double P99 => Percentile(0.99);

    /// <summary>Column titles matching <see cref="ToRow"/>.</summary>
    public static string Header =>
        $"{"scenario",-28} {"records",9} {"seconds",8} {"records/s",11} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"ratio",6}";

    /// <summary>A table row; the ratio column is this run's throughput over <paramref name="baseline"/>'s.</summary>
    public string ToRow(BenchmarkReport? baseline = null) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name,-28} {Records,9} {Elapsed.TotalSeconds,8:0.00} {RecordsPerSecond,11:0} {P50,8:0.0} {P95,8:0.0} {P99,8:0.0} {(baseline is null ? "" : (RecordsPerSecond / baseline.RecordsPerSecond).ToString("0.00", CultureInfo.InvariantCulture)),6}");

    private double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var sorted = LatenciesMs.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
