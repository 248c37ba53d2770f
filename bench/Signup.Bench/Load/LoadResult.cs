namespace SignupEmail.Signup.Bench.Load;

/// <summary>What one closed-loop run measured.</summary>
/// <param name="Concurrency">Workers, each with one request in flight.</param>
/// <param name="Window">Length of the measured phase.</param>
/// <param name="MeasuredStatuses">Responses completed in the measured phase, by status (0: no response: connection error or client timeout).</param>
/// <param name="AllStatuses">Every response of the run (warm-up, measured, and the tail after the window).</param>
/// <param name="LatenciesMs">Latency of each response completed in the measured phase (any status), sorted.</param>
/// <param name="ErrorSamples">The first few non-201 answers, for the report.</param>
internal sealed record LoadResult(
    int Concurrency,
    TimeSpan Window,
    IReadOnlyDictionary<int, long> MeasuredStatuses,
    IReadOnlyDictionary<int, long> AllStatuses,
    double[] LatenciesMs,
    IReadOnlyList<string> ErrorSamples)
{
    public const int Created = 201;

    public long Signups => MeasuredStatuses.GetValueOrDefault(Created);

    public double SignupsPerSecond => Signups / Window.TotalSeconds;

    public long Errors => MeasuredStatuses.Where(s => s.Key != Created).Sum(s => s.Value);

    public long AllSignups => AllStatuses.GetValueOrDefault(Created);

    public long AllErrors => AllStatuses.Where(s => s.Key != Created).Sum(s => s.Value);

    public double Percentile(double p) =>
        LatenciesMs.Length == 0 ? double.NaN : LatenciesMs[Math.Clamp((int)Math.Ceiling(p * LatenciesMs.Length) - 1, 0, LatenciesMs.Length - 1)];
}
