using System.Globalization;
using SignupEmail.EmailNode.Consuming;

namespace SignupEmail.EmailNode.Tests.Consuming;

/// <summary>
/// Record handling on threads the kernel ranks below request threads: the work and every
/// continuation of its awaits run there, at the lowered nice value.
/// </summary>
public sealed class BackgroundPrioritySchedulerSpec
{
    [Fact]
    public async Task Work_and_its_continuations_run_on_the_schedulers_threads_at_the_lowered_priority()
    {
        using var scheduler = new BackgroundPriorityScheduler(2, "spec-handler");

        var seen = await Task.Factory.StartNew(
            async () =>
            {
                var before = Observe();
                await Task.Delay(10);
                await Task.Yield();
                return (Before: before, After: Observe());
            },
            CancellationToken.None,
            TaskCreationOptions.DenyChildAttach,
            scheduler).Unwrap();

        Assert.StartsWith("spec-handler-", seen.Before.Thread, StringComparison.Ordinal);
        Assert.StartsWith("spec-handler-", seen.After.Thread, StringComparison.Ordinal);
        Assert.Equal(BackgroundPriorityScheduler.Nice, seen.Before.Nice);
        Assert.Equal(BackgroundPriorityScheduler.Nice, seen.After.Nice);
        Assert.Equal(2, scheduler.PriorityLowered);
        // Only those threads: the thread pool's keep the normal priority.
        Assert.Equal(0, (await Task.Run(Observe)).Nice);
    }

    [Fact]
    public void At_least_one_thread_is_required() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackgroundPriorityScheduler(0, "spec-handler"));

    /// <summary>The calling thread's name and nice value (field 19 of /proc/thread-self/stat).</summary>
    private static (string Thread, int Nice) Observe()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count from after it.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (Thread.CurrentThread.Name ?? "", int.Parse(fields[16], CultureInfo.InvariantCulture));
    }
}
