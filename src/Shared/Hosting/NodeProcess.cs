using Microsoft.Extensions.Hosting;

namespace SignupEmail.Shared.Hosting;

/// <summary>
/// How our programs run a host: a failure while building or starting it (a bad setting, an
/// unreachable database) is reported on standard error as the reasons alone and ends the process with
/// exit code 1, instead of an unhandled exception that aborts the runtime (exit 134) with a stack
/// trace in front of the reason.
/// </summary>
public static class NodeProcess
{
    /// <summary>Exit code of a process that did not start.</summary>
    public const int StartFailedExitCode = 1;

    /// <summary>
    /// Builds the host with <paramref name="build"/>, starts it and waits until it is stopped
    /// (Ctrl+C, SIGTERM, or the application stopping itself). Returns 0 after a normal stop and
    /// <see cref="StartFailedExitCode"/> when building or starting failed.
    /// </summary>
    public static async Task<int> RunAsync(string name, Func<IHost> build, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(errors);

        // HostAbortedException is how WebApplicationFactory (tests) takes the built host and ends Main
        // early, from inside Build or Start: not a failure to report, and the host is then the
        // factory's to run and dispose, not ours.
        IHost host;
        try
        {
            host = build();
        }
        catch (Exception ex) when (ex is not HostAbortedException)
        {
            await ReportAsync(name, ex, errors);
            return StartFailedExitCode;
        }

        try
        {
            await host.StartAsync();
        }
        catch (Exception ex) when (ex is not HostAbortedException)
        {
            await ReportAsync(name, ex, errors);
            host.Dispose();
            return StartFailedExitCode;
        }

        using (host)
        {
            await host.WaitForShutdownAsync();
            return 0;
        }
    }

    /// <summary>
    /// The messages of <paramref name="exception"/> and its inner exceptions, one reason per line,
    /// without repeats. Options validation joins its failures with "; ", which are split back into lines
    /// so each configuration key stands at the start of its own line.
    /// </summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var reasons = new List<string>();
        foreach (var failure in Flatten(exception))
        {
            foreach (var reason in failure.Message.Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!reasons.Any(known => known.Contains(reason, StringComparison.Ordinal)))
                {
                    reasons.Add(reason);
                }
            }
        }

        return string.Join(Environment.NewLine, reasons.Select(reason => "  " + reason));
    }

    private static Task ReportAsync(string name, Exception exception, TextWriter errors) =>
        errors.WriteLineAsync($"{name} did not start:{Environment.NewLine}{Describe(exception)}");

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        if (exception is AggregateException aggregate)
        {
            foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
            {
                yield return inner;
            }

            yield break;
        }

        yield return exception;
        if (exception.InnerException is { } cause)
        {
            foreach (var inner in Flatten(cause))
            {
                yield return inner;
            }
        }
    }
}
