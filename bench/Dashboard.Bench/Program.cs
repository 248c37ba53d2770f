using System.Diagnostics;
using System.Globalization;
using SignupEmail.Dashboard.Bench;
using SignupEmail.SignupBurst.Bench;

// What open dashboard pages cost the system (issue #13: "it must not slow the system"): the
// one-command run (DevHost: embedded Kafka, User node, Email node, dashboard, one process) gets
// open-loop signups at a fixed rate the whole time, in phases with no page open and with N pages
// streaming snapshots, alternating for a number of rounds so drifting machine load hits both alike.
// Per phase: signups/s answered 201, their p50/p99, DevHost's CPU and what each page received.
// Exit code 0 only if every signup was answered 201 and every page streamed throughout.
DashboardBenchOptions options;
try
{
    options = DashboardBenchOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(DashboardBenchOptions.Usage);
    return 2;
}

var inv = CultureInfo.InvariantCulture;
await using var host = DevHostProcess.Start(options.DevHostDll, options.HashIterations, mail: true, options.Environment);
var ready = await host.WaitReadyAsync(TimeSpan.FromSeconds(120), "SIGNUP_URL", "ADMIN_KEY", "DASHBOARD_URL");
var (signupUrl, adminKey, streamUrl) = (new Uri(ready[0]), ready[1], new Uri(new Uri(ready[2]), "api/stream"));
using var signupClient = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    Timeout = TimeSpan.FromSeconds(30),
};

// Streams stay open for a whole phase; each page has a connection of its own, as browser tabs do.
using var pageClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    Timeout = Timeout.InfiniteTimeSpan,
};
var load = new OpenLoopLoad(signupClient, signupUrl, DateTime.UtcNow.ToString("HHmmss", inv));
var phaseLength = TimeSpan.FromSeconds(options.Seconds);
Console.WriteLine(string.Create(inv, $"DevHost {options.DevHostDll}; signups {options.Rate}/s throughout, 0 against {options.Pages} pages, {options.Seconds} s each, {options.Rounds} round(s), hasher {options.HashIterations} iterations{string.Concat(options.Environment.Select(e => $", {e.Key}={e.Value}"))}"));
Console.WriteLine($"dashboard stream {streamUrl}; load average before: {LoadAverage()}");

// Warm-up (JIT of both nodes and of the dashboard's refresh and stream, connection pools): not measured.
await MeasureAsync("warm-up", options.Pages, TimeSpan.FromSeconds(5));
var rounds = new List<(DashboardPhase None, DashboardPhase Open)>();
for (var round = 1; round <= options.Rounds; round++)
{
    var none = await MeasureAsync("0 pages", 0, phaseLength);
    Report(round, none);
    var open = await MeasureAsync($"{options.Pages} pages", options.Pages, phaseLength);
    Report(round, open);
    rounds.Add((none, open));
}

Console.WriteLine();
Console.WriteLine($"| round | DevHost CPU, 0 / {options.Pages} pages | ratio | signups/s (201), 0 / {options.Pages} pages | ratio | p99, 0 / {options.Pages} pages | ratio |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
for (var i = 0; i < rounds.Count; i++)
{
    var (none, open) = rounds[i];
    Console.WriteLine(string.Create(inv, $"| {i + 1} | {none.CpuPercent:0.0} % / {open.CpuPercent:0.0} % | {open.CpuPercent / none.CpuPercent:0.00}x | {none.SignupsPerSecond:0.0} / {open.SignupsPerSecond:0.0} | {open.SignupsPerSecond / none.SignupsPerSecond:0.00}x | {none.P99:0.0} / {open.P99:0.0} ms | {open.P99 / none.P99:0.00}x |"));
}

// On a shared machine one round can catch someone else's build: the median round says more than a mean.
Console.WriteLine();
Console.WriteLine(string.Create(
    inv,
    $"{options.Pages} pages / 0 pages, median of {rounds.Count} round(s): DevHost CPU {Median(rounds.Select(r => r.Open.CpuPercent / r.None.CpuPercent)):0.00}x, " +
    $"signups/s {Median(rounds.Select(r => r.Open.SignupsPerSecond / r.None.SignupsPerSecond)):0.00}x, p99 {Median(rounds.Select(r => r.Open.P99 / r.None.P99)):0.00}x; load average after: {LoadAverage()}"));
var healthy = rounds.All(r => r.None.Healthy && r.Open.Healthy);
if (!healthy)
{
    Console.WriteLine("FAILED: a signup was not answered 201, or a page's stream broke or received no event in a phase (see the phase lines above)");
}

return healthy ? 0 : 1;

async Task<DashboardPhase> MeasureAsync(string name, int pageCount, TimeSpan length)
{
    var pages = await OpenPages.OpenAsync(pageClient, streamUrl, adminKey, pageCount, TimeSpan.FromSeconds(30));
    var (eventsBefore, bytesBefore, cpuBefore) = (pages.Events(), pages.Bytes(), host.CpuTime);
    var clock = Stopwatch.StartNew();
    var signups = await load.RunAsync(name, options.Rate, length);
    // The last signup is sent just before the phase's end: count its answer's wait, never less
    // than the phase, so an on-time phase shows the rate sent and a slow one less.
    await WaitUntilAsync(clock, length);
    var (elapsed, cpu) = (clock.Elapsed, host.CpuTime - cpuBefore);
    var (eventsAfter, bytesAfter) = (pages.Events(), pages.Bytes());
    var failures = await pages.CloseAsync();
    return new DashboardPhase(
        pageCount,
        signups,
        elapsed,
        cpu,
        [.. eventsAfter.Zip(eventsBefore, (after, before) => after - before)],
        [.. bytesAfter.Zip(bytesBefore, (after, before) => after - before)],
        failures);
}

void Report(int round, DashboardPhase phase)
{
    var s = phase.Signups;
    var answers = s.Failed == 0 ? $"all {s.Created} answered 201" : $"{s.Created} answered 201, others {string.Join(", ", s.Failures.Select(f => $"{f.Key}: {f.Value}"))}";
    var pages = phase.Pages == 0
        ? "no page"
        : string.Create(inv, $"events per page {phase.EventsPerPage.Average():0.0} (min {phase.EventsPerPage.Min()}), {phase.BytesPerPage.Average() / 1024:0} KiB per page");
    var broken = phase.PageFailures.Count == 0 ? "" : $"; {phase.PageFailures.Count} page(s) broke: {string.Join("; ", phase.PageFailures.Distinct())}";
    Console.WriteLine(string.Create(inv, $"round {round}, {phase.Signups.Phase}: {phase.SignupsPerSecond:0.0} signups/s ({answers}), p50/p99 {s.Percentile(50):0.0}/{phase.P99:0.0} ms, DevHost CPU {phase.CpuPercent:0.0} % of a core; {pages}{broken} (load {LoadAverage()})"));
}

static async Task WaitUntilAsync(Stopwatch clock, TimeSpan length)
{
    if (clock.Elapsed < length)
    {
        await Task.Delay(length - clock.Elapsed);
    }
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
