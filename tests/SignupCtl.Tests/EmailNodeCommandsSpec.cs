using System.Text.Json;
using SignupEmail.Testing;
using static SignupEmail.SignupCtl.Tests.UserNodeCommandsSpec;

namespace SignupEmail.SignupCtl.Tests;

/// <summary>The Email node's commands: what they ask and the tables they print.</summary>
public sealed class EmailNodeCommandsSpec : IDisposable
{
    private readonly ScriptedAdminApi _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Kafka_topics_shows_the_brokers_then_each_partition_with_its_leader_replicas_and_isr_drawn_per_broker()
    {
        _api.Get("/admin/kafka/topics", ContractJson.Topics);

        var result = await SignupCtlRun.Against(_api).RunAsync("kafka", "topics");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.OutputLines.Select(Row).Where(row => row.Length > 0).ToList();
        Assert.Contains("1|127.0.0.1|41233|", rows);
        Assert.Contains("2|127.0.0.1|38011|controller", rows);
        Assert.Contains("user.signed-up (3 partitions)", result.Output, StringComparison.Ordinal);
        Assert.Contains("Partition|Leader|Replicas|ISR|Broker 1|Broker 2|Broker 3", rows);
        Assert.Contains("0|1|1,2,3|1,2,3|L|F|F", rows);
        // Broker 1 is a replica of partition 1 that fell out of sync; broker 2 holds no replica of partition 2.
        Assert.Contains("1|2|2,3,1|2,3|f|L|F", rows);
        Assert.Contains("2|3|3,1|3,1|F||L", rows);
        Assert.Contains("user.signed-up.dlt (1 partitions)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kafka_topics_shows_a_partition_without_a_leader_and_a_missing_topic_and_no_controller()
    {
        _api.Get("/admin/kafka/topics", """
            { "brokers": [ { "id": 1, "host": "127.0.0.1", "port": 41233 } ], "controllerId": null,
              "topics": [ { "name": "user.signed-up", "partitions": [ { "partition": 0, "leader": -1, "replicas": [1], "isr": [] } ] },
                          { "name": "user.signed-up.dlt", "partitions": [] } ] }
            """);

        var result = await SignupCtlRun.Against(_api).RunAsync("kafka", "topics");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.OutputLines.Select(Row).Where(row => row.Length > 0).ToList();
        Assert.Contains("1|127.0.0.1|41233|", rows);
        Assert.Contains("0|none|1||f", rows);
        Assert.Contains("user.signed-up.dlt (0 partitions)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kafka_lag_shows_committed_end_and_lag_per_partition_and_the_total()
    {
        _api.Get("/admin/kafka/lag", ContractJson.Lag);

        var result = await SignupCtlRun.Against(_api).RunAsync("kafka", "lag");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.OutputLines.Select(Row).Where(row => row.Length > 0).ToList();
        Assert.Equal(["Partition|Committed|End|Lag|Assigned here", "0|120|125|5|yes", "1|none|7|7|no", "total|||12|"], rows);
        Assert.Contains("email-service on user.signed-up", result.Output, StringComparison.Ordinal);
        Assert.Equal(new Uri("http://127.0.0.1:5090/admin/kafka/lag"), Assert.Single(_api.Received).Uri);
    }

    [Fact]
    public async Task Kafka_lag_watch_refreshes_the_given_number_of_times_at_the_interval()
    {
        _api.Get("/admin/kafka/lag", ContractJson.Lag);

        var result = await SignupCtlRun.Against(_api).RunAsync("kafka", "lag", "--watch", "--interval", "0.1", "--count", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, _api.Received.Count);
        Assert.Contains("total", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kafka_lag_watch_ends_cleanly_on_ctrl_c()
    {
        _api.Get("/admin/kafka/lag", ContractJson.Lag);
        using var ctrlC = new CancellationTokenSource();

        var watching = SignupCtlRun.Against(_api).RunAsync(ctrlC.Token, "kafka", "lag", "--watch", "--interval", "3600");
        await Eventually.TrueAsync(() => _api.Received.Count == 1, TimeSpan.FromSeconds(10), "the first refresh");
        await ctrlC.CancelAsync();
        var result = await watching.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(_api.Received);
    }

    [Fact]
    public async Task Kafka_lag_watch_with_json_prints_one_json_document_per_line_per_refresh()
    {
        _api.Get("/admin/kafka/lag", ContractJson.Lag);

        var result = await SignupCtlRun.Against(_api).RunAsync("kafka", "lag", "--watch", "--json", "--interval", "0.1", "--count", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.OutputLines.Where(line => line.Length > 0).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.Equal(12, JsonDocument.Parse(line).RootElement.GetProperty("totalLag").GetInt32()));
    }

    [Fact]
    public async Task Dlt_list_follows_next_pages_until_the_limit_and_shows_where_each_record_came_from_and_why()
    {
        _api.Get("/admin/dead-letters?limit=3", ContractJson.DeadLetterPages(1))
            .Get("/admin/dead-letters?partition=0&fromOffset=5&limit=100", ContractJson.DeadLetterPages(2));

        var result = await SignupCtlRun.Against(_api).RunAsync("dlt", "list", "--limit", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.OutputLines.Select(Row).Where(row => row.Length > 0).ToList();
        Assert.Equal(
            [
                "Partition|Offset|Failed at|Event|From|Attempts|Error",
                "0|3|2026-12-04T09:00:01+00:00|evt-0-3|user.signed-up[0]@41|1|DecodeFailure: not a UserSignedUp",
                "0|4|2026-12-04T09:00:01+00:00|evt-0-4|user.signed-up[0]@42|1|DecodeFailure: not a UserSignedUp",
                "1|0|2026-12-04T09:00:01+00:00|evt-1-0|user.signed-up[1]@7|1|DecodeFailure: not a UserSignedUp",
            ],
            rows);
        Assert.Contains("3 dead letters.", result.Output, StringComparison.Ordinal);
        Assert.Equal(2, _api.Received.Count);
    }

    [Fact]
    public async Task Dlt_list_stops_at_the_limit_without_asking_for_the_next_page()
    {
        _api.Get("/admin/dead-letters?limit=2&partition=0", ContractJson.DeadLetterPages(1));

        var result = await SignupCtlRun.Against(_api).RunAsync("dlt", "list", "--partition", "0", "--limit", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("2 dead letters.", result.Output, StringComparison.Ordinal);
        Assert.Single(_api.Received);
    }

    [Fact]
    public async Task Dlt_list_json_is_one_document_with_every_item_followed()
    {
        _api.Get("/admin/dead-letters?limit=100", ContractJson.DeadLetterPages(1))
            .Get("/admin/dead-letters?partition=0&fromOffset=5&limit=100", ContractJson.DeadLetterPages(2));

        var result = await SignupCtlRun.Against(_api).RunAsync("dlt", "list", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var items = JsonDocument.Parse(result.Output).RootElement.GetProperty("items");
        Assert.Equal([3L, 4L, 0L], items.EnumerateArray().Select(item => item.GetProperty("offset").GetInt64()));
        Assert.Equal("41", items[0].GetProperty("headers").GetProperty("dlt-original-offset").GetString());
    }

    [Fact]
    public async Task Dlt_replay_of_one_record_posts_its_partition_and_offset_as_a_one_record_range()
    {
        _api.Post("/admin/dead-letters/replay", """{ "replayed": 1 }""");

        var result = await SignupCtlRun.Against(_api).RunAsync("dlt", "replay", "0:3");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Replayed 1 record.", result.Output, StringComparison.Ordinal);
        var body = JsonDocument.Parse(Assert.Single(_api.Received).Body!).RootElement;
        Assert.Equal(0, body.GetProperty("partition").GetInt32());
        Assert.Equal(3, body.GetProperty("fromOffset").GetInt64());
        Assert.Equal(3, body.GetProperty("toOffset").GetInt64());
        Assert.False(body.TryGetProperty("all", out _), "a one-record replay sends no 'all' (not even null)");
    }

    [Fact]
    public async Task Dlt_replay_all_posts_all()
    {
        _api.Post("/admin/dead-letters/replay", """{ "replayed": 7 }""");

        var result = await SignupCtlRun.Against(_api).RunAsync("dlt", "replay", "--all");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Replayed 7 records.", result.Output, StringComparison.Ordinal);
        var body = JsonDocument.Parse(Assert.Single(_api.Received).Body!).RootElement;
        Assert.True(body.GetProperty("all").GetBoolean());
        Assert.False(body.TryGetProperty("partition", out _), "replay of all sends no partition (not even null)");
    }

    [Theory]
    [InlineData("minji@example.com", "/admin/mail?email=minji%40example.com")]
    [InlineData("01a2405c-768e-7f12-ae88-ec47d3fc8146", "/admin/mail?eventId=01a2405c-768e-7f12-ae88-ec47d3fc8146")]
    public async Task Mail_status_asks_by_address_or_by_event_and_shows_status_and_message_id(string subject, string query)
    {
        _api.Get(query, ContractJson.Mail);

        var result = await SignupCtlRun.Against(_api).RunAsync("mail", "status", subject);

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.OutputLines.Select(Row).Where(row => row.Length > 0).ToList();
        Assert.Equal(
            [
                "Event|Recipient|Status|Attempts|Message-ID|Recorded at|Last error",
                "01a2405c-768e-7f12-ae88-ec47d3fc8146|minji@example.com|Sent|1|<01a2405c-768e-7f12-ae88-ec47d3fc8146@signupemail.local>|2026-12-04 09:22:11Z|-",
            ],
            rows);
    }
}
