using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using SignupEmail.Testing;
using static SignupEmail.SignupCtl.Tests.UserNodeCommandsSpec;

namespace SignupEmail.SignupCtl.Tests.Live;

/// <summary>Every signupctl command against the one-command run: real nodes, real Kafka (embedded), real send log.</summary>
public sealed class LiveSystemSpec(OneCommandRun run) : IClassFixture<OneCommandRun>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Cluster_show_lists_the_user_node_up_as_self_and_leader()
    {
        var result = await run.SignupCtl().RunAsync("cluster", "show");

        Assert.True(result.ExitCode == 0, result.ToString());
        var member = Assert.Single(result.OutputLines.Select(Row), row => row.StartsWith("akka.tcp://", StringComparison.Ordinal));
        Assert.Matches(@"^akka\.tcp://\S+\|Up\|1\|yes\|.*\|self, leader$", member);
        Assert.Contains("Unreachable: none", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sharding_stats_counts_as_many_entities_as_users_signed_up()
    {
        SignupCtlResult? last = null;
        await Eventually.TrueAsync(
            async () =>
            {
                last = await run.SignupCtl().RunAsync("sharding", "stats", "--json");
                return last.ExitCode == 0 && Json(last).GetProperty("totalEntities").GetInt32() == OneCommandRun.SignedUpUsers;
            },
            Patience,
            () => $"{OneCommandRun.SignedUpUsers} entities; last: {last}");

        var table = await run.SignupCtl().RunAsync("sharding", "stats");
        Assert.Contains(table.OutputLines.Select(Row), row => row.StartsWith("total|", StringComparison.Ordinal) && row.EndsWith($"|{OneCommandRun.SignedUpUsers}", StringComparison.Ordinal));
        var regions = await run.SignupCtl().RunAsync("sharding", "regions", "--json");
        Assert.Equal(OneCommandRun.SignedUpUsers, Json(regions).GetProperty("shards").EnumerateArray().Sum(shard => shard.GetProperty("entities").GetInt32()));
    }

    [Fact]
    public async Task Publisher_status_shows_the_singleton_running_and_past_every_signup()
    {
        SignupCtlResult? last = null;
        await Eventually.TrueAsync(
            async () =>
            {
                last = await run.SignupCtl().RunAsync("publisher", "status", "--json");
                return last.ExitCode == 0
                    && Json(last).GetProperty("running").GetBoolean()
                    && Json(last).GetProperty("committedOrdering").GetInt64() >= OneCommandRun.SignedUpUsers;
            },
            Patience,
            () => $"running, committed ordering ≥ {OneCommandRun.SignedUpUsers}; last: {last}");

        var table = await run.SignupCtl().RunAsync("publisher", "status");
        Assert.Contains("Running|yes", table.OutputLines.Select(Row));
    }

    [Fact]
    public async Task Kafka_topics_shows_three_brokers_and_three_partitions_led_by_three_different_brokers()
    {
        var result = await run.SignupCtl().RunAsync("kafka", "topics", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var metadata = Json(result);
        Assert.Equal(3, metadata.GetProperty("brokers").GetArrayLength());
        var signups = metadata.GetProperty("topics").EnumerateArray().Single(topic => topic.GetProperty("name").GetString() == "user.signed-up");
        var leaders = signups.GetProperty("partitions").EnumerateArray().Select(partition => partition.GetProperty("leader").GetInt32()).ToList();
        Assert.Equal(3, leaders.Count);
        Assert.Equal(3, leaders.Distinct().Count());

        var table = await run.SignupCtl().RunAsync("kafka", "topics");
        Assert.Contains("user.signed-up (3 partitions)", table.Output, StringComparison.Ordinal);
        // Both topics have 3 partitions: 6 rows, each with exactly one of the 3 broker columns marked leader.
        Assert.Equal(6, table.OutputLines.Select(Row).Count(row => row.Split('|') is [_, _, _, _, .. var roles] && roles.Length == 3 && roles.Count(role => role == "L") == 1));
    }

    [Fact]
    public async Task Kafka_lag_reaches_zero_once_the_signups_are_mailed()
    {
        SignupCtlResult? last = null;
        await Eventually.TrueAsync(
            async () =>
            {
                last = await run.SignupCtl().RunAsync("kafka", "lag", "--json");
                return last.ExitCode == 0
                    && Json(last).GetProperty("totalLag").GetInt64() == 0
                    && Json(last).GetProperty("partitions").EnumerateArray().Sum(partition => partition.GetProperty("end").GetInt64()) >= OneCommandRun.SignedUpUsers;
            },
            Patience,
            () => $"lag 0 after {OneCommandRun.SignedUpUsers} signups; last: {last}");

        var table = await run.SignupCtl().RunAsync("kafka", "lag");
        Assert.Contains("total|||0|", table.OutputLines.Select(Row));
    }

    [Fact]
    public async Task Dlt_list_shows_a_poison_record_and_dlt_replay_sends_that_one_back()
    {
        var eventId = Guid.NewGuid().ToString("D");
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = run.BootstrapServers }).Build())
        {
            await producer.ProduceAsync(new TopicPartition("user.signed-up", 1), new Message<byte[], byte[]>
            {
                Key = Encoding.UTF8.GetBytes("poison"),
                Value = Encoding.UTF8.GetBytes("{not a signup"),
                Headers = new Headers { { "ce_id", Encoding.UTF8.GetBytes(eventId) } },
            });
        }

        JsonElement? poison = null;
        SignupCtlResult? last = null;
        await Eventually.TrueAsync(
            async () =>
            {
                last = await run.SignupCtl().RunAsync("dlt", "list", "--json");
                poison = last.ExitCode == 0
                    ? Json(last).GetProperty("items").EnumerateArray().FirstOrDefault(item => item.GetProperty("eventId").GetString() == eventId)
                    : null;
                return poison is { ValueKind: JsonValueKind.Object };
            },
            Patience,
            () => $"the poison record {eventId} on the dead-letter topic; last: {last}");

        var record = poison!.Value;
        Assert.Equal("user.signed-up", record.GetProperty("headers").GetProperty("dlt-original-topic").GetString());
        Assert.Equal("1", record.GetProperty("headers").GetProperty("dlt-original-partition").GetString());
        var table = await run.SignupCtl().RunAsync("dlt", "list");
        Assert.Contains(table.OutputLines.Select(Row), row => row.Contains(eventId, StringComparison.Ordinal) && row.Contains("user.signed-up[1]@", StringComparison.Ordinal));

        var replay = await run.SignupCtl().RunAsync(
            "dlt", "replay", $"{record.GetProperty("partition").GetInt32()}:{record.GetProperty("offset").GetInt64()}");
        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Contains("Replayed 1 record.", replay.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mail_status_shows_the_welcome_email_sent_with_its_message_id()
    {
        var address = run.Addresses[0];
        SignupCtlResult? last = null;
        await Eventually.TrueAsync(
            async () => (last = await run.SignupCtl().RunAsync("mail", "status", address)).ExitCode == 0,
            Patience,
            () => $"the send log knows {address}; last: {last}");

        var row = Assert.Single(last!.OutputLines.Select(Row), row => row.Contains(address, StringComparison.Ordinal));
        var cells = row.Split('|');
        Assert.Equal("Sent", cells[2]);
        // The Message-ID names the event: <eventId@…> (the node may leave out the angle brackets).
        Assert.StartsWith(cells[0] + "@", cells[4].TrimStart('<'), StringComparison.Ordinal);

        var byEvent = await run.SignupCtl().RunAsync("mail", "status", cells[0], "--json");
        Assert.True(byEvent.ExitCode == 0, byEvent.ToString());
        Assert.Equal(address, Json(byEvent).GetProperty("items")[0].GetProperty("recipient").GetString());
    }

    [Fact]
    public async Task Node_info_answers_for_both_nodes()
    {
        var user = await run.SignupCtl().RunAsync("node", "info", "--user");
        var email = await run.SignupCtl().RunAsync("node", "info", "--email");

        Assert.True(user.ExitCode == 0, user.ToString());
        Assert.True(email.ExitCode == 0, email.ToString());
        Assert.Contains("Node|user", user.OutputLines.Select(Row));
        Assert.Contains("Node|email", email.OutputLines.Select(Row));
        Assert.DoesNotContain(run.AdminKey, user.Output + email.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_exits_two_with_one_line_naming_the_node()
    {
        var result = await run.SignupCtl(key: "not-the-admin-key-0123456789").RunAsync("node", "info", "--user");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"signupctl: the admin key was refused by {run.UserNodeUrl} (401); set --key or SIGNUPCTL_KEY.", result.Errors);
    }

    private static JsonElement Json(SignupCtlResult result) =>
        result.ExitCode == 0 ? JsonDocument.Parse(result.Output).RootElement : throw new InvalidOperationException(result.ToString());
}
