using System.Net;
using System.Text.Json;

namespace SignupEmail.SignupCtl.Tests;

/// <summary>The User node's commands: what they ask and the tables they print.</summary>
public sealed class UserNodeCommandsSpec : IDisposable
{
    private readonly ScriptedAdminApi _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Cluster_show_lists_every_member_with_status_reachability_and_marks_then_the_leader_and_the_unreachable()
    {
        _api.Get("/admin/cluster", ContractJson.Cluster);

        var result = await SignupCtlRun.Against(_api).RunAsync("cluster", "show");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.OutputLines, line => Row(line) == $"{ContractJson.Self}|Up|1|yes|-|self, leader");
        Assert.Contains(result.OutputLines, line => Row(line) == $"{ContractJson.Other}|Up|2|no|signup|");
        Assert.Contains($"Leader: {ContractJson.Self}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"Unreachable: {ContractJson.Other}", result.Output, StringComparison.Ordinal);
        var request = Assert.Single(_api.Received);
        Assert.Equal(new Uri("http://127.0.0.1:5080/admin/cluster"), request.Uri);
        Assert.Equal(SignupCtlRun.Key, request.AdminKey);
    }

    [Fact]
    public async Task Cluster_leave_posts_the_address_and_says_what_was_accepted()
    {
        _api.Post("/admin/cluster/leave", $$"""{ "address": "{{ContractJson.Other}}", "action": "leave" }""", HttpStatusCode.Accepted);

        var result = await SignupCtlRun.Against(_api).RunAsync("cluster", "leave", ContractJson.Other);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Accepted: leave {ContractJson.Other}", result.Output, StringComparison.Ordinal);
        var body = JsonDocument.Parse(Assert.Single(_api.Received).Body!).RootElement;
        Assert.Equal(ContractJson.Other, body.GetProperty("address").GetString());
        Assert.False(body.TryGetProperty("force", out _), "leave takes no force");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cluster_down_posts_the_address_and_force_only_when_asked(bool force)
    {
        _api.Post("/admin/cluster/down", $$"""{ "address": "{{ContractJson.Self}}", "action": "down" }""", HttpStatusCode.Accepted);

        string[] args = force ? ["cluster", "down", ContractJson.Self, "--force"] : ["cluster", "down", ContractJson.Self];
        var result = await SignupCtlRun.Against(_api).RunAsync(args);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Accepted: down {ContractJson.Self}", result.Output, StringComparison.Ordinal);
        var body = JsonDocument.Parse(Assert.Single(_api.Received).Body!).RootElement;
        Assert.Equal(ContractJson.Self, body.GetProperty("address").GetString());
        Assert.Equal(force, body.GetProperty("force").GetBoolean());
    }

    [Fact]
    public async Task Sharding_regions_lists_the_shards_in_numeric_order_with_a_total()
    {
        _api.Get("/admin/sharding/regions", ContractJson.Regions);

        var result = await SignupCtlRun.Against(_api).RunAsync("sharding", "regions");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"user region at {ContractJson.Self}", result.Output, StringComparison.Ordinal);
        var rows = result.OutputLines.Select(Row).Where(row => row.Length > 0).ToList();
        Assert.Equal(["Shard|Entities", "4|2", "17|3", "total|5"], rows);
    }

    [Fact]
    public async Task Sharding_stats_lists_every_region_and_the_clusters_totals()
    {
        _api.Get("/admin/sharding/stats", ContractJson.ShardingStats);

        var result = await SignupCtlRun.Against(_api).RunAsync("sharding", "stats");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.OutputLines.Select(Row).Where(row => row.Length > 0).ToList();
        Assert.Equal(["Region|Shards|Entities", $"{ContractJson.Self}|7|25", $"{ContractJson.Other}|5|15", "total|12|40"], rows);
    }

    [Fact]
    public async Task Publisher_status_shows_where_the_singleton_runs_and_its_progress()
    {
        _api.Get("/admin/publisher", ContractJson.Publisher);

        var result = await SignupCtlRun.Against(_api).RunAsync("publisher", "status");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.OutputLines.Select(Row).ToList();
        Assert.Contains($"Runs on|{ContractJson.Self}", rows);
        Assert.Contains("Running|yes", rows);
        Assert.Contains("Committed ordering|1041", rows);
        Assert.Contains("In flight|2", rows);
        Assert.Contains("Open gaps|0", rows);
        Assert.Contains("Oldest unacknowledged|00:00:01.5000000", rows);
        Assert.Contains("First held|-", rows);
    }

    /// <summary>A table row's cells joined by <c>|</c>, or empty for a border line.</summary>
    internal static string Row(string line)
    {
        var cells = line.Split('│');
        return cells.Length < 3 ? string.Empty : string.Join('|', cells[1..^1].Select(cell => cell.Trim()));
    }
}
