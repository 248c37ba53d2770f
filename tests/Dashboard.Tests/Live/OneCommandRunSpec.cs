using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SignupEmail.Dashboard.Tests.Hosting;
using SignupEmail.Testing;

namespace SignupEmail.Dashboard.Tests.Live;

/// <summary>The dashboard of the one-command run, against the real nodes and the embedded 3-broker cluster.</summary>
public sealed class OneCommandRunSpec(OneCommandRun run) : IClassFixture<OneCommandRun>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_snapshot_shows_three_brokers_three_partitions_per_topic_with_three_leaders_the_group_and_the_cluster()
    {
        using var client = run.Client();
        // A read may time out on a busy machine (its section is then empty); a later refresh completes.
        JsonElement snapshot = default;
        await Eventually.TrueAsync(
            async () => (snapshot = await SnapshotJson.GetAsync(client)).GetProperty("errors").GetArrayLength() == 0,
            Patience,
            () => $"a snapshot without errors: {snapshot}");

        Assert.True(snapshot.GetProperty("experiments").GetBoolean());
        var kafka = snapshot.GetProperty("kafka");
        Assert.Equal([1, 2, 3], kafka.GetProperty("brokers").EnumerateArray().Select(b => b.GetProperty("id").GetInt32()));
        foreach (var topic in kafka.GetProperty("topics").EnumerateArray())
        {
            var partitions = topic.GetProperty("partitions").EnumerateArray().ToList();
            Assert.Equal(3, partitions.Count);
            Assert.Equal(3, partitions.Select(p => p.GetProperty("leader").GetInt32()).Distinct().Count());
            Assert.All(partitions, p => Assert.Equal([1, 2, 3], p.GetProperty("replicas").EnumerateArray().Select(r => r.GetInt32()).Order()));
        }

        var member = Assert.Single(snapshot.GetProperty("group").GetProperty("members").EnumerateArray());
        Assert.Equal([0, 1, 2], member.GetProperty("partitions").EnumerateArray().Select(p => p.GetInt32()));
        var clusterMember = Assert.Single(snapshot.GetProperty("userCluster").GetProperty("members").EnumerateArray());
        Assert.Equal("Up", clusterMember.GetProperty("status").GetString());
        Assert.True(snapshot.GetProperty("userCluster").GetProperty("publisher").GetProperty("running").GetBoolean());
        Assert.Equal(JsonValueKind.Object, snapshot.GetProperty("flow").ValueKind);
    }

    [Fact]
    public async Task A_burst_sends_real_signups_that_the_user_node_counts_as_created()
    {
        using var client = run.Client();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var before = await CreatedSignupsAsync(http);

        using (var started = await client.PostAsJsonAsync("/api/actions/burst", new { rate = 5, seconds = 2 }))
        {
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        }

        JsonElement burst = default;
        await Eventually.TrueAsync(
            async () =>
            {
                burst = (await SnapshotJson.GetAsync(client)).GetProperty("actions").GetProperty("burst");
                return !burst.GetProperty("running").GetBoolean() && burst.GetProperty("sent").GetInt32() == 10;
            },
            Patience,
            () => $"the burst finished: {burst}");
        Assert.Equal(10, burst.GetProperty("outcomes").GetProperty("created").GetInt32());
        Assert.Equal(before + 10, await CreatedSignupsAsync(http));
    }

    [Fact]
    public async Task Stopping_the_broker_that_leads_partition_0_moves_its_leadership_signups_still_succeed_and_start_brings_it_back()
    {
        using var client = run.Client();
        JsonElement before = default;
        await Eventually.TrueAsync(
            async () => (before = await SnapshotJson.GetAsync(client)).GetProperty("kafka").ValueKind == JsonValueKind.Object,
            Patience,
            () => $"the Kafka section: {before}");
        var leader = Leader(before, "user.signed-up", 0);

        using (var stop = await client.PostAsync($"/api/actions/brokers/{leader}/stop", content: null))
        {
            Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        }

        try
        {
            JsonElement snapshot = default;
            await Eventually.TrueAsync(
                async () =>
                {
                    snapshot = await SnapshotJson.GetAsync(client);
                    return snapshot.GetProperty("kafka").ValueKind == JsonValueKind.Object
                        && Leader(snapshot, "user.signed-up", 0) != leader
                        && BrokerState(snapshot, leader) == "down";
                },
                Patience,
                () => $"a new leader for partition 0 and broker {leader} down: {snapshot}");
            Assert.All(
                snapshot.GetProperty("kafka").GetProperty("topics").EnumerateArray()
                    .SelectMany(t => t.GetProperty("partitions").EnumerateArray()),
                p => Assert.NotEqual(leader, p.GetProperty("leader").GetInt32()));

            var emailsBefore = snapshot.GetProperty("flow").GetProperty("emailsTotal").GetInt64();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var signup = await http.PostAsJsonAsync(run.SignupUrl, new
            {
                email = "during-broker-stop@example.com",
                name = "Broker Stop",
                password = "correct horse battery",
                locale = "en",
            });
            Assert.Equal(HttpStatusCode.Created, signup.StatusCode);

            // The consumer rides it out too: the signup becomes an e-mail with the broker still down.
            await Eventually.TrueAsync(
                async () => (await SnapshotJson.GetAsync(client)).GetProperty("flow") is { ValueKind: JsonValueKind.Object } flow
                    && flow.GetProperty("emailsTotal").GetInt64() > emailsBefore,
                Patience,
                $"an e-mail sent while broker {leader} is down");
        }
        finally
        {
            using var start = await client.PostAsync($"/api/actions/brokers/{leader}/start", content: null);
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        }

        await Eventually.TrueAsync(
            async () => BrokerState(await SnapshotJson.GetAsync(client), leader) == "up",
            Patience,
            $"broker {leader} up again");
    }

    [Fact]
    public async Task The_mail_delay_reaches_the_email_node_and_is_shown_until_cleared()
    {
        using var client = run.Client();
        using (var set = await client.PutAsJsonAsync("/api/actions/mail-delay", new { milliseconds = 300 }))
        {
            Assert.True(set.StatusCode == HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        }

        try
        {
            await Eventually.TrueAsync(
                async () => (await SnapshotJson.GetAsync(client)).GetProperty("actions").GetProperty("mailDelayMs").GetInt32() == 300,
                Patience,
                "the snapshot shows the delay");
        }
        finally
        {
            using var cleared = await client.DeleteAsync("/api/actions/mail-delay");
            Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        }
    }

    private async Task<long> CreatedSignupsAsync(HttpClient http)
    {
        var metrics = await http.GetStringAsync($"{run.UserNodeUrl}/metrics");
        var line = metrics.Split('\n').SingleOrDefault(l =>
            l.StartsWith("signupemail_signups_total{", StringComparison.Ordinal) && l.Contains("signupemail_signup_outcome=\"created\"", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    private static int Leader(JsonElement snapshot, string topic, int partition) =>
        snapshot.GetProperty("kafka").GetProperty("topics").EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == topic)
            .GetProperty("partitions").EnumerateArray()
            .Single(p => p.GetProperty("partition").GetInt32() == partition)
            .GetProperty("leader").GetInt32();

    private static string? BrokerState(JsonElement snapshot, int id) =>
        snapshot.GetProperty("kafka").ValueKind != JsonValueKind.Object
            ? null
            : snapshot.GetProperty("kafka").GetProperty("brokers").EnumerateArray()
                .SingleOrDefault(b => b.GetProperty("id").GetInt32() == id) is { ValueKind: JsonValueKind.Object } broker
                ? broker.GetProperty("state").GetString()
                : null;
}
