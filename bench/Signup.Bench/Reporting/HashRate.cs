using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SignupEmail.Signup.Bench.Reporting;

/// <summary>
/// The machine's password-hash rate: <see cref="PasswordHasher{TUser}.HashPassword"/> at the given
/// cost on every core at once, nothing else. Signups with real hashing cannot beat it.
/// </summary>
internal static class HashRate
{
    public static (double HashesPerSecond, double MillisecondsPerHash) Measure(int iterations, TimeSpan duration)
    {
        var hasher = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = iterations,
        }));
        hasher.HashPassword(null!, "warm-up-password"); // JIT

        var single = Stopwatch.StartNew();
        hasher.HashPassword(null!, "one-password-alone");
        var oneHash = single.Elapsed.TotalMilliseconds;

        long hashes = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, Environment.ProcessorCount, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, _ =>
        {
            while (clock.Elapsed < duration)
            {
                hasher.HashPassword(null!, "correct horse battery staple");
                Interlocked.Increment(ref hashes);
            }
        });
        return (hashes / clock.Elapsed.TotalSeconds, oneHash);
    }
}
