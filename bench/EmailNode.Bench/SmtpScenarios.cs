using System.Globalization;
using SignupEmail.EmailNode.Templates;
using SignupEmail.Shared.Contracts;

namespace SignupEmail.EmailNode.Bench;

/// <summary>
/// SMTP throughput against one server (in-process, or a real one given as <c>--smtp-server</c>):
/// a raw MailKit loop with <c>--smtp-connections</c> connections as the baseline, then the node's
/// pipeline with the same connection limit, one record per partition at a time (the behaviour before
/// pipelining) and with the shipped <c>MaxInFlightPerPartition</c>. Each pipeline run is a fresh
/// consumer group over the pre-filled topic, timed from the first to the <c>--smtp-records</c>-th
/// send-log entry.
/// </summary>
internal static class SmtpScenarios
{
    private const int ShippedInFlight = 8;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(300);

    public static async Task<List<(ScenarioResult Result, ScenarioResult? Baseline)>> RunAsync(
        BenchKafka kafka, string folder, IReadOnlyList<UserSignedUp> events, HashSet<Guid> expected, BenchOptions options, WelcomeMessageRenderer renderer)
    {
        await using var inProcess = options.SmtpServer is null ? new BenchSmtpServer() : null;
        var (host, port) = options.SmtpServer is { } server
            ? (server[..server.LastIndexOf(':')], int.Parse(server[(server.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture))
            : ("127.0.0.1", inProcess!.Port);
        var where = inProcess is null ? $"{host}:{port}" : $"in-process server 127.0.0.1:{port}";
        var records = options.SmtpRecords;
        var connections = options.SmtpConnections;

        Console.WriteLine($"raw SMTP loop ({connections} connections to {where}): running");
        var messages = events.Take(records).Select(e => renderer.Render(e).Message).ToList();
        var load = MachineLoad.LoadAverage1();
        var elapsed = await RawSmtpLoop.RunAsync(host, port, connections, messages);
        var raw = new ScenarioResult($"raw SMTP loop, {connections} conn", records, records, elapsed, [], load, MachineLoad.LoadAverage1(), []);

        var results = new List<(ScenarioResult, ScenarioResult?)> { (raw, null) };
        foreach (var inFlight in new[] { 1, ShippedInFlight })
        {
            var scenario = $"SMTP, {inFlight} in flight/part.";
            Console.WriteLine($"pipeline ({scenario}, {connections} connections to {where}): running");
            var accepted = inProcess?.MessageIds.Count ?? 0;
            var result = await PipelineAsync(kafka, Path.Combine(folder, $"smtp-{inFlight}"), scenario, host, port, connections, inFlight, records, expected);
            if (inProcess is not null)
            {
                var ids = inProcess.MessageIds.Skip(accepted).ToList();
                if (ids.Count != ids.Distinct(StringComparer.Ordinal).Count())
                {
                    result = result with { Problems = [.. result.Problems, $"the server accepted {ids.Count} messages for {ids.Distinct(StringComparer.Ordinal).Count()} distinct Message-IDs"] };
                }
            }

            results.Add((result, raw));
        }

        return results;
    }

    private static async Task<ScenarioResult> PipelineAsync(
        BenchKafka kafka, string folder, string name, string host, int port, int connections, int inFlight, int records, HashSet<Guid> expected)
    {
        Directory.CreateDirectory(folder);
        var load = MachineLoad.LoadAverage1();
        await using (var node = await NodeHost.StartAsync(kafka.BootstrapServers, folder, $"bench-smtp-{inFlight}-{Guid.NewGuid():N}", new Dictionary<string, string?>
        {
            ["Email:Delivery:Mode"] = "Smtp",
            ["Email:Smtp:Host"] = host,
            ["Email:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:TlsMode"] = "None",
            ["Email:Smtp:MaxConnections"] = connections.ToString(CultureInfo.InvariantCulture),
            ["Email:Kafka:MaxInFlightPerPartition"] = inFlight.ToString(CultureInfo.InvariantCulture),
        }))
        {
            var started = TimeProvider.System.GetTimestamp();
            while (await node.SendLog.CountAsync(SendLog.SendStatus.Sent, CancellationToken.None) < records && TimeProvider.System.GetElapsedTime(started) < Patience)
            {
                await Task.Delay(100);
            }
        }

        var loadEnd = MachineLoad.LoadAverage1();
        var sent = await SendLogReader.SentAsync(Path.Combine(folder, "send-log.db"));
        var problems = new List<string>();
        if (sent.Count < records)
        {
            problems.Add($"only {sent.Count} of {records} records were sent within {Patience}");
        }

        if (sent.Keys.Any(id => !expected.Contains(id)))
        {
            problems.Add("the send log holds events that were never produced");
        }

        var times = sent.Values.Order().Take(records).ToList();
        var elapsed = times.Count > 1 ? times[^1] - times[0] : TimeSpan.FromMilliseconds(1);
        return new ScenarioResult(name, times.Count, times.Count, elapsed, [], load, loadEnd, problems);
    }
}
