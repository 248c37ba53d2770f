using SignupEmail.Signup.Bench.Baseline;

namespace SignupEmail.Signup.Bench;

/// <summary>
/// HTTP signup benchmark: the real User node (its own process) against a bare minimal API that
/// inserts the same row, on SQLite and PostgreSQL, with real and lowered password hashing.
/// <c>baseline-server ...</c> is the baseline's own process, started by the benchmark.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == BaselineServer.Command)
        {
            return await BaselineServer.RunAsync(args[1..]);
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(BenchOptions.Usage);
            return 1;
        }

        return await new MatrixRunner(options).RunAsync();
    }
}
