using System.Globalization;
using SignupEmail.Signup.Bench.Load;

namespace SignupEmail.Signup.Bench.Reporting;

/// <summary>One row of the report: a target at one concurrency level over one database and hashing cost.</summary>
internal sealed record ScenarioResult(
    string Database,
    HashCost Cost,
    int Iterations,
    string Target,
    LoadResult Load,
    double ServerCores,
    double GeneratorCores,
    double MachineBusy,
    string LoadAverageBefore,
    string LoadAverageAfter)
{
    public static string Header =>
        $"{"db",-8} {"hash",-13} {"target",-13} {"conc",4} {"signups/s",9} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"201s",7} {"errors",6} {"srv cpu",7} {"cpu ms/op",9} {"gen cpu",7} {"machine",7} {"load1 start>end",15} {"vs base",7}";

    public string ToRow(ScenarioResult? baseline) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Database,-8} {CostLabel,-13} {Target,-13} {Load.Concurrency,4} {Load.SignupsPerSecond,9:0} {Load.Percentile(0.50),8:0.0} {Load.Percentile(0.95),8:0.0} {Load.Percentile(0.99),8:0.0} {Load.Percentile(1.0),8:0.0} {Load.Signups,7} {(Load.Errors == 0 ? "0" : $"{Load.Errors}!"),6} {ServerCores,7:0.00} {CpuMsPerSignup,9:0.00} {GeneratorCores,7:0.00} {MachineBusy,7:0%} {$"{LoadAverageBefore}>{LoadAverageAfter}",15} {(baseline is null ? "" : (Load.SignupsPerSecond / baseline.Load.SignupsPerSecond).ToString("0.00", CultureInfo.InvariantCulture)),7}");

    /// <summary>Server CPU per stored signup: on a shared machine a steadier figure than the rate.</summary>
    public double CpuMsPerSignup => Load.Signups == 0 ? double.NaN : ServerCores * 1000 / Load.SignupsPerSecond;

    private string CostLabel => string.Create(CultureInfo.InvariantCulture, $"{(Cost == HashCost.Real ? "real" : "low")} ({Iterations})");
}
