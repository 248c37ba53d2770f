namespace SignupEmail.SignupBurst.Bench;

/// <summary>One phase's signup latencies (201s only; other answers counted by status, 0 = no answer).</summary>
internal sealed record PhaseResult(string Phase, int Rate, double[] SortedLatencies, IReadOnlyDictionary<int, int> Failures)
{
    public static PhaseResult Of(string phase, int rate, double[] latencies, IReadOnlyDictionary<int, int> failures)
    {
        Array.Sort(latencies);
        return new PhaseResult(phase, rate, latencies, failures);
    }

    public static PhaseResult Merge(string phase, IReadOnlyList<PhaseResult> rounds) =>
        Of(
            phase,
            rounds[0].Rate,
            [.. rounds.SelectMany(r => r.SortedLatencies)],
            rounds.SelectMany(r => r.Failures).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Sum(f => f.Value)));

    public int Created => SortedLatencies.Length;

    public int Failed => Failures.Values.Sum();

    public double Percentile(double p) =>
        SortedLatencies.Length == 0 ? double.NaN : SortedLatencies[Math.Clamp((int)Math.Ceiling(p / 100 * SortedLatencies.Length) - 1, 0, SortedLatencies.Length - 1)];
}
