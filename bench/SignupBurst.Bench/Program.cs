using System.Globalization;
using SignupEmail.SignupBurst.Bench;

// Signup latency in the one-process run (DevHost: embedded Kafka, User node, Email node writing
// .eml files) at a calm rate and during a burst of signups (and so of e-mails) at a multiple of it,
// side by side. Rounds alternate calm and burst so drifting machine load hits both phases alike.
// Exit code 0 only if every signup was answered 201 and every signup became an e-mail file.
BurstOptions options;
try
{
    options = BurstOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BurstOptions.Usage);
    return 2;
}

var inv = CultureInfo.InvariantCulture;
await using var host = DevHostProcess.Start(options.DevHostDll, options.HashIterations, options.Mail, options.Environment);
var (signupUrl, mailFolder) = await host.WaitReadyAsync(TimeSpan.FromSeconds(120));
using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    Timeout = TimeSpan.FromSeconds(30),
};
var load = new OpenLoopLoad(client, signupUrl, DateTime.UtcNow.ToString("HHmmss", inv));
var phase = TimeSpan.FromSeconds(options.Seconds);
Console.WriteLine(string.Create(inv, $"DevHost {options.DevHostDll}; calm {options.CalmRate}/s, burst {options.BurstRate}/s, {options.Seconds} s each, {options.Rounds} round(s), hasher {options.HashIterations} iterations, e-mails {(options.Mail ? "on" : "off")}{string.Concat(options.Environment.Select(e => $", {e.Key}={e.Value}"))}"));
Console.WriteLine($"load average before: {LoadAverage()}");

// Warm-up (JIT, connection pool, first partitions' sub-streams): not measured.
await load.RunAsync("warm-up", options.CalmRate, TimeSpan.FromSeconds(5));
var calm = new List<PhaseResult>();
var burst = new List<PhaseResult>();
for (var round = 1; round <= options.Rounds; round++)
{
    calm.Add(await load.RunAsync("calm", options.CalmRate, phase));
    burst.Add(await load.RunAsync("burst", options.BurstRate, phase));
    Console.WriteLine(string.Create(inv, $"round {round}: calm p50/p99 {calm[^1].Percentile(50):0.0}/{calm[^1].Percentile(99):0.0} ms, burst {burst[^1].Percentile(50):0.0}/{burst[^1].Percentile(99):0.0} ms, p99 ratio {burst[^1].Percentile(99) / calm[^1].Percentile(99):0.00}x; DevHost threads {host.Threads} (load {LoadAverage()})"));
}

// On a shared machine one round can catch someone else's build: the median round says more than
// the pooled figures, which such a round dominates.
var roundRatios = calm.Zip(burst, (c, b) => b.Percentile(99) / c.Percentile(99)).Order().ToList();
var medianRatio = roundRatios.Count % 2 == 1 ? roundRatios[roundRatios.Count / 2] : (roundRatios[(roundRatios.Count / 2) - 1] + roundRatios[roundRatios.Count / 2]) / 2;

var results = new[] { PhaseResult.Merge("calm", calm), PhaseResult.Merge("burst", burst) };
var expectedMails = 5 * options.CalmRate + (options.Rounds * options.Seconds * (options.CalmRate + options.BurstRate));
var mailsWritten = options.Mail ? await WaitForMailsAsync(mailFolder, expectedMails, TimeSpan.FromSeconds(60)) : 0;

Console.WriteLine();
Console.WriteLine("| phase | signups/s | signups (201) | other answers | p50 | p90 | p99 | max |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
foreach (var r in results)
{
    var other = r.Failed == 0 ? "0" : string.Join(", ", r.Failures.Select(f => string.Create(inv, $"{f.Key}: {f.Value}")));
    Console.WriteLine(string.Create(inv, $"| {r.Phase} | {r.Rate} | {r.Created} | {other} | {r.Percentile(50):0.0} ms | {r.Percentile(90):0.0} ms | {r.Percentile(99):0.0} ms | {r.SortedLatencies.LastOrDefault():0.0} ms |"));
}

Console.WriteLine();
Console.WriteLine(string.Create(inv, $"burst/calm (all rounds pooled): p50 {results[1].Percentile(50) / results[0].Percentile(50):0.00}x, p99 {results[1].Percentile(99) / results[0].Percentile(99):0.00}x; median of the rounds' p99 ratios {medianRatio:0.00}x"));
Console.WriteLine(options.Mail
    ? string.Create(inv, $"e-mails written: {mailsWritten} of {expectedMails}; load average after: {LoadAverage()}")
    : $"e-mails off (the Email node read an idle topic); load average after: {LoadAverage()}");
return results.All(r => r.Failed == 0) && (!options.Mail || mailsWritten == expectedMails) ? 0 : 1;

static async Task<int> WaitForMailsAsync(string folder, int expected, TimeSpan deadline)
{
    var until = DateTime.UtcNow + deadline;
    int count;
    while ((count = Directory.GetFiles(folder, "*.eml").Length) < expected && DateTime.UtcNow < until)
    {
        await Task.Delay(200);
    }

    return count;
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
