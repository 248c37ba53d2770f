using System.Diagnostics;
using System.Net;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EndToEnd.Tests;

/// <summary>
/// The whole system as separate processes, as it runs in production: the embedded Kafka cluster, two
/// User nodes forming one Akka cluster on one PostgreSQL journal, two Email nodes sharing the topic's
/// partitions, a send log and a pickup folder. 1 000 signups go to both User nodes; one Email node and
/// one User node are killed with SIGKILL in the middle; every signup still gets exactly one e-mail.
/// </summary>
public sealed class MultiProcessFailoverSpec(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Signups = 1000;
    private const int Concurrency = 16;

    // Paced so that the run lasts long enough (at least 10 s) for both kills to land in its middle.
    private const int SignupsPerSecond = 100;

    // Deliveries the Email node must have made before it is killed, and signups the User node must
    // have taken: both were really working when they died.
    private const int DeliveriesBeforeEmailKill = 30;
    private const int SignupsBeforeUserKill = 300;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan SignupDeadline = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"signupemail-e2e-{Guid.NewGuid():N}");
    private readonly string _adminKey = Guid.NewGuid().ToString("N");
    private readonly NodeProcesses _processes = new();
    private readonly Stopwatch _clock = new();
    private PostgresScratchDatabase? _journal;
    private PostgresScratchDatabase? _sendLog;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _journal = await PostgresScratchDatabase.CreateAsync("e2e_journal");
        _sendLog = await PostgresScratchDatabase.CreateAsync("e2e_sendlog");
    }

    public async Task DisposeAsync()
    {
        _processes.Dispose();
        if (_journal is not null)
        {
            await _journal.DisposeAsync();
        }

        if (_sendLog is not null)
        {
            await _sendLog.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Every_signup_gets_exactly_one_email_when_an_email_node_and_a_user_node_are_killed_mid_run()
    {
        try
        {
            await RunScenarioAsync();
        }
        catch
        {
            Log($"FAILED after {_clock.Elapsed.TotalSeconds:0.0} s. Output of every process:\n{_processes.Describe(lines: 150)}");
            throw;
        }
    }

    private async Task RunScenarioAsync()
    {
        _clock.Start();
        var (journal, sendLogDatabase) = (_journal!, _sendLog!);
        var pickup = new PickupFolder(Path.Combine(_folder, "pickup"));

        // ---- Start: Kafka, then the nodes. ----
        var kafka = _processes.Start("kafka", ProgramsUnderTest.DevHost, new Dictionary<string, string>(), "kafka");
        var bootstrap = await kafka.WaitForValueAsync("KAFKA_BOOTSTRAP_SERVERS", StartTimeout);

        var ports = FreePorts.Take(6);
        var (userHttp, emailHttp) = (ports[..2], ports[2..4]);

        // Keep-majority split-brain resolution with two members: when one becomes unreachable both
        // sides are the same size, and the side holding the lowest address (host, then port) is kept.
        // The first node is the seed, so the oldest member: it hosts the shard coordinator and the
        // journal publisher (cluster singletons). It gets the HIGHER remoting port and is the one
        // killed: the survivor then holds the lowest address and stays up, and the kill moves the
        // coordinator, the publisher and the first node's shards to it. Killing the other one would
        // make the resolver down the survivor too, which is correct behaviour but not this test.
        var remoting = ports[4..].Order().ToArray();
        var (firstRemoting, secondRemoting) = (remoting[1], remoting[0]);
        var seed = $"akka.tcp://signup-user@127.0.0.1:{firstRemoting}";
        var userUrls = userHttp.Select(p => new Uri(NodeSettings.Url(p))).ToArray();

        var emailNodes = emailHttp.Select((port, i) => _processes.Start(
            $"email-node-{i + 1}",
            ProgramsUnderTest.EmailNode,
            NodeSettings.EmailNode(port, sendLogDatabase.ConnectionString, pickup.Path, bootstrap, _adminKey))).ToArray();
        var firstUser = _processes.Start(
            "user-node-1", ProgramsUnderTest.UserNode, NodeSettings.UserNode(userHttp[0], firstRemoting, null, journal.ConnectionString, bootstrap));

        // One at a time: the second node joins through the first, which must be Up (and so the oldest
        // member) by then; started earlier, the second would only retry its join.
        await UserNodeProbe.WaitUntilServingAsync(firstUser, userUrls[0], StartTimeout);
        var secondUser = _processes.Start(
            "user-node-2", ProgramsUnderTest.UserNode, NodeSettings.UserNode(userHttp[1], secondRemoting, seed, journal.ConnectionString, bootstrap));
        await UserNodeProbe.WaitUntilServingAsync(secondUser, userUrls[1], StartTimeout);
        await Eventually.TrueAsync(() => PublisherStarts(firstUser) == 1, StartTimeout, "the journal publisher runs on the first (oldest) User node");

        using var firstEmailAdmin = AdminClient(emailHttp[0]);
        using var secondEmailAdmin = AdminClient(emailHttp[1]);
        await Eventually.TrueAsync(
            async () => await PartitionsSplitAsync(emailNodes, [firstEmailAdmin, secondEmailAdmin]),
            StartTimeout,
            "both Email nodes consume: the topic's 3 partitions are split between them");
        var victimPartitions = (await ConsumerStatus.ReadAsync(secondEmailAdmin, _adminKey)).Partitions.Count;
        var started = _clock.Elapsed;
        Log($"all processes up after {started.TotalSeconds:0.0} s (User remoting ports: first {firstRemoting}, second {secondRemoting})");

        // ---- Load, with a kill -9 of one Email node and of the first User node in its middle. ----
        var emails = Enumerable.Range(0, Signups).Select(i => $"e2e-{i:D4}@example.com").ToArray();
        using var client = new SignupLoad(userUrls);
        var load = Task.Run(() => client.RunAsync(emails, Concurrency, SignupsPerSecond, SignupDeadline));

        var emailVictim = emailNodes[1];
        var emailSurvivor = emailNodes[0];
        Kill? emailKill = null;
        Kill? userKill = null;
        while (!load.IsCompleted && (emailKill is null || userKill is null))
        {
            if (emailKill is null && DeliveryLog.EventIds(emailVictim.Output).Count >= DeliveriesBeforeEmailKill)
            {
                emailVictim.SendSignal(ChildProcess.SigKill);
                emailKill = new Kill(_clock.Elapsed, client.Finished, pickup.Count());
                Log($"killed {emailVictim.Name}: {emailKill}");
            }

            if (userKill is null && client.Finished >= SignupsBeforeUserKill)
            {
                firstUser.SendSignal(ChildProcess.SigKill);
                userKill = new Kill(_clock.Elapsed, client.Finished, pickup.Count());
                Log($"killed {firstUser.Name}: {userKill} (it had answered {client.CreatedBy(0)} signups with 201)");
            }

            await Task.Delay(10);
        }

        Assert.True(emailKill is not null, $"the load ended before {emailVictim.Name} delivered {DeliveriesBeforeEmailKill} e-mails");
        Assert.True(userKill is not null, $"the load ended before {SignupsBeforeUserKill} signups finished");
        Assert.NotEqual(0, await emailVictim.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.NotEqual(0, await firstUser.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        var createdByFirstBeforeKill = client.CreatedBy(0);

        var outcomes = await load;
        var loaded = _clock.Elapsed;
        Log($"load finished after {(loaded - started).TotalSeconds:0.0} s: " + Summary(outcomes));

        // ---- Every signup was stored exactly as the client saw it. ----
        Assert.Empty(outcomes.Where(o => !o.Succeeded).Select(o => $"{o.Email}: {o.Failure}"));
        Assert.Empty(outcomes.Where(o => o.FirstStatus == HttpStatusCode.Conflict).Select(o => $"{o.Email}: 409 on its first attempt"));

        // ---- Both kills landed mid-run: work before and after each. ----
        Assert.True(emailKill.Emails is > 0 and < Signups, $"{emailVictim.Name} was killed mid-run: {emailKill}");
        Assert.True(userKill.Signups < Signups, $"{firstUser.Name} was killed mid-run: {userKill}");
        Assert.True(createdByFirstBeforeKill > 0, $"{firstUser.Name} had stored signups before it was killed");

        // ---- Every e-mail arrives, and the surviving Email node has committed the whole topic. ----
        ConsumerStatus? lastStatus = null;
        try
        {
            await Eventually.TrueAsync(
                async () =>
                {
                    if (pickup.Count() < Signups)
                    {
                        return false;
                    }

                    lastStatus = await ConsumerStatus.ReadAsync(firstEmailAdmin, _adminKey);
                    return lastStatus.Partitions.Count == 3 && lastStatus.CaughtUp;
                },
                DeliveryTimeout,
                $"{Signups} e-mails in the pickup folder and {emailSurvivor.Name} holding all 3 partitions, all committed");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message} (e-mails: {pickup.Count()}; consumer: {lastStatus?.ToString() ?? "not read"})", ex);
        }

        var delivered = _clock.Elapsed;
        Log($"all e-mails delivered and committed {(delivered - loaded).TotalSeconds:0.0} s after the load");

        // ---- Exactly one e-mail per signup. ----
        var files = await pickup.ReadAllAsync();
        Assert.Equal(Signups, files.Count);
        Assert.All(files, f => Assert.Single(f.To));
        var recipients = files.Select(f => f.To[0].ToLowerInvariant()).ToList();
        Assert.Empty(recipients.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => $"{g.Key} got {g.Count()} e-mails"));
        Assert.Equal(emails.Order(StringComparer.Ordinal), recipients.Order(StringComparer.Ordinal));

        var sendLog = await SendLogTable.ReadAsync(sendLogDatabase.ConnectionString);
        Assert.Equal(Signups, sendLog.Count);
        Assert.Empty(sendLog.Where(r => r.Status != "sent").Select(r => $"{r.EventId}: {r.Status}"));
        Assert.Equal(files.Select(f => f.EventId).Order(), sendLog.Select(r => r.EventId).Order());

        // ---- The kills did what they were meant to. ----
        var victimDeliveries = DeliveryLog.EventIds(emailVictim.Output);
        var survivorDeliveries = DeliveryLog.EventIds(emailSurvivor.Output);
        Assert.True(victimDeliveries.Count >= DeliveriesBeforeEmailKill, $"{emailVictim.Name} delivered before it died");
        Assert.True(survivorDeliveries.Count > 0, $"{emailSurvivor.Name} delivered too");
        Assert.True(PublisherStarts(secondUser) >= 1, $"the journal publisher moved to {secondUser.Name}");

        // The pickup folder keeps one file per event, so a second delivery of an event does not show
        // there; the nodes' output does. Delivery is at-least-once: an e-mail the killed node wrote
        // but had not yet recorded in the send log is written again by the node that takes over its
        // partition. That can happen only to the records it had in hand (one per partition) when it
        // died. Any other repeat is a node sending twice what the send log should have stopped.
        var repeated = victimDeliveries.Concat(survivorDeliveries).GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Log($"deliveries in the output: {emailVictim.Name} {victimDeliveries.Count}, {emailSurvivor.Name} {survivorDeliveries.Count}; " +
            $"events delivered twice (killed node, then survivor): {repeated.Count} [{string.Join(", ", repeated)}]");
        Assert.Empty(Repeats(victimDeliveries).Select(id => $"{emailVictim.Name} delivered event {id} more than once"));
        Assert.Empty(Repeats(survivorDeliveries).Select(id => $"{emailSurvivor.Name} delivered event {id} more than once"));
        Assert.True(
            repeated.Count <= victimPartitions,
            $"{repeated.Count} events were delivered by both Email nodes; the killed one held only {victimPartitions} partition(s), so at most that many were in hand");

        // ---- The survivors stop cleanly on SIGTERM: nodes first (they drain into Kafka), then Kafka. ----
        secondUser.SendSignal(ChildProcess.SigTerm);
        emailSurvivor.SendSignal(ChildProcess.SigTerm);
        var exits = await Task.WhenAll(secondUser.WaitForExitAsync(StopTimeout), emailSurvivor.WaitForExitAsync(StopTimeout));
        Assert.True(exits[0] == 0, $"{secondUser.Name} exit code {exits[0]}:\n{secondUser.Tail(60)}");
        Assert.True(exits[1] == 0, $"{emailSurvivor.Name} exit code {exits[1]}:\n{emailSurvivor.Tail(60)}");
        kafka.SendSignal(ChildProcess.SigTerm);
        var kafkaExit = await kafka.WaitForExitAsync(StopTimeout);
        Assert.True(kafkaExit == 0, $"kafka exit code {kafkaExit}:\n{kafka.Tail(60)}");
        Log($"stopped {(_clock.Elapsed - delivered).TotalSeconds:0.0} s later; whole run {_clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static HttpClient AdminClient(int port) => new() { BaseAddress = new Uri(NodeSettings.Url(port)), Timeout = TimeSpan.FromSeconds(10) };

    // The publisher logs this when it starts on a node (as the cluster singleton).
    private static int PublisherStarts(ChildProcess userNode) =>
        userNode.Output.Split('\n').Count(line => line.Contains("Journal publisher started after ordering", StringComparison.Ordinal));

    private async Task<bool> PartitionsSplitAsync(ChildProcess[] nodes, HttpClient[] admins)
    {
        foreach (var node in nodes)
        {
            Assert.False(node.HasExited, $"{node.Name} exited with {node.ExitCode} while starting:\n{node.Tail(80)}");
        }

        try
        {
            var statuses = await Task.WhenAll(admins.Select(a => ConsumerStatus.ReadAsync(a, _adminKey)));
            var assigned = statuses.SelectMany(s => s.Partitions.Select(p => p.Partition)).Order().ToList();
            return statuses.All(s => s.Running && s.Partitions.Count > 0) && assigned.SequenceEqual([0, 1, 2]);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false; // not listening yet
        }
    }

    private static IEnumerable<Guid> Repeats(IEnumerable<Guid> deliveries) =>
        deliveries.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key);

    private static string Summary(IReadOnlyList<SignupOutcome> outcomes) =>
        $"{outcomes.Count(o => o.FinalStatus == HttpStatusCode.Created)} × 201, " +
        $"{outcomes.Count(o => o.FinalStatus == HttpStatusCode.Conflict)} × 409 on a retry, " +
        $"{outcomes.Count(o => o.Attempts > 1)} retried (most attempts {outcomes.Max(o => o.Attempts)}), " +
        $"{outcomes.Count(o => !o.Succeeded)} failed";

    private void Log(string message) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {message}");

    /// <summary>When a node was killed, with how many signups finished and e-mails in the folder then.</summary>
    private sealed record Kill(TimeSpan At, int Signups, int Emails)
    {
        public override string ToString() => $"at {At.TotalSeconds:0.0} s, {Signups} signups finished, {Emails} e-mails in the folder";
    }
}
