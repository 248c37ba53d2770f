using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using SignupEmail.Testing;
using SignupEmail.UserNode.Admin;
using SignupEmail.UserNode.Tests.Http;
using SignupEmail.UserNode.Tests.Publishing;

namespace SignupEmail.UserNode.Tests.Admin;

/// <summary>
/// Two User nodes in one cluster, publishing to the embedded Kafka cluster, inspected and operated
/// through either node's admin API.
/// </summary>
[Collection(PublishingCollection.Name)]
public sealed class ClusterAdminSpec(KafkaClusterFixture kafka) : IAsyncLifetime
{
    private const int Signups = 20;
    private readonly SqliteTestDatabase _database = new();
    private UserNodeFactory? _first;
    private UserNodeFactory? _second;

    public Task InitializeAsync()
    {
        var topic = kafka.CreateUniqueTopic("admin");

        // Entities stay running for the whole test, so the running-entity counts equal the signups.
        var settings = AdminCalls.Settings(("UserNode:Users:PassivateIdleAfter", "01:00:00"));
        _first = PublishingNode.Start(_database, kafka.BootstrapServers, topic, settings);
        settings["UserNode:Cluster:SeedNodes:0"] = AdminCalls.SelfAddress(_first);
        _second = PublishingNode.Start(_database, kafka.BootstrapServers, topic, settings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        if (_first is not null)
        {
            await _first.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Either_node_shows_both_members_the_users_in_the_shards_and_the_publisher_on_the_oldest()
    {
        using var viaFirst = AdminCalls.Client(_first!);
        using var viaSecond = AdminCalls.Client(_second!);
        var (first, second) = (AdminCalls.SelfAddress(_first!), AdminCalls.SelfAddress(_second!));
        await AdminCalls.AllUpAsync(viaFirst, 2);
        await AdminCalls.AllUpAsync(viaSecond, 2);

        foreach (var (client, self) in new[] { (viaFirst, first), (viaSecond, second) })
        {
            var view = await AdminCalls.ClusterAsync(client);
            Assert.Equal(self, view.Self);
            Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), view.Members.Select(m => m.Address).Order(StringComparer.Ordinal));
            Assert.Equal(self, Assert.Single(view.Members, m => m.IsSelf).Address);
            Assert.NotNull(view.Leader);
            Assert.Equal(view.Leader, Assert.Single(view.Members, m => m.IsLeader).Address);
            Assert.All(view.Members, m => Assert.True(m.Reachable, $"{m.Address} is reachable"));
            Assert.Empty(view.Unreachable);
            // The first node joined first: it is the oldest, where the singletons run.
            Assert.Equal(1, view.Members.Single(m => m.Address == first).UpNumber);
            Assert.Equal(2, view.Members.Single(m => m.Address == second).UpNumber);
        }

        for (var i = 0; i < Signups; i++)
        {
            using var created = await (i % 2 == 0 ? viaFirst : viaSecond).PostAsync("/api/users", SignupJson.Signup(SignupJson.UniqueEmail("admin")));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var stats = await AdminCalls.GetAsync<ShardingStatsView>(viaSecond, "/admin/sharding/stats");
        Assert.Equal("user", stats.TypeName);
        Assert.Equal(Signups, stats.TotalEntities);
        Assert.Equal(stats.TotalEntities, stats.Regions.Sum(r => r.Entities));
        Assert.Equal(stats.TotalShards, stats.Regions.Sum(r => r.Shards));
        Assert.Empty(stats.Failed);
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), stats.Regions.Select(r => r.Address));

        // Each node's own region agrees with its line in the cluster-wide stats.
        foreach (var (client, self) in new[] { (viaFirst, first), (viaSecond, second) })
        {
            var region = await AdminCalls.GetAsync<ShardRegionView>(client, "/admin/sharding/regions");
            var line = stats.Regions.Single(r => r.Address == self);
            Assert.Equal(self, region.Address);
            Assert.Equal(line.Shards, region.Shards.Count);
            Assert.Equal(line.Entities, region.Shards.Sum(s => s.Entities));
        }

        // Asked from the younger node, the answer comes from the oldest, where the singleton runs.
        var lastOrdering = await LastJournalOrderingAsync();
        PublisherView? publisher = null;
        await Eventually.TrueAsync(
            async () => (publisher = await AdminCalls.GetAsync<PublisherView>(viaSecond, "/admin/publisher")) is { Running: true, InFlight: 0 }
                && publisher.CommittedOrdering == lastOrdering,
            AdminCalls.Deadline,
            () => $"the publisher commits up to ordering {lastOrdering}; last status: {publisher}");
        Assert.Equal(first, publisher!.Address);
        Assert.Equal(TimeSpan.Zero, publisher.WaitingForKafka);
        Assert.Equal(0, publisher.Held);
    }

    [Fact]
    public async Task Leave_and_down_check_the_address_refuse_to_down_the_answering_node_and_the_left_node_is_removed()
    {
        using var viaFirst = AdminCalls.Client(_first!);
        var (first, second) = (AdminCalls.SelfAddress(_first!), AdminCalls.SelfAddress(_second!));
        await AdminCalls.AllUpAsync(viaFirst, 2);

        var (selfStatus, _) = await AdminCalls.PostAsync(viaFirst, "/admin/cluster/down", new { address = first });
        Assert.Equal(HttpStatusCode.Conflict, selfStatus);

        foreach (var (path, address) in new[] { ("/admin/cluster/down", "not an address"), ("/admin/cluster/leave", "akka.tcp://signup-user@127.0.0.1"), ("/admin/cluster/leave", null) })
        {
            var (status, body) = await AdminCalls.PostAsync(viaFirst, path, new { address });
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.True(body.GetProperty("errors").TryGetProperty("address", out _), $"{path} with '{address}' names the address: {body}");
        }

        var (wrongType, wrongTypeBody) = await AdminCalls.PostAsync(viaFirst, "/admin/cluster/down", new { address = second, force = "yes" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongType);
        Assert.True(wrongTypeBody.GetProperty("errors").TryGetProperty("force", out _), $"a force that is not a boolean is named: {wrongTypeBody}");

        using var malformed = await viaFirst.PostAsync("/admin/cluster/leave", SignupJson.Body("{ not json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("\"body\"", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (unknown, _) = await AdminCalls.PostAsync(viaFirst, "/admin/cluster/down", new { address = "akka.tcp://signup-user@127.0.0.1:1" });
        Assert.Equal(HttpStatusCode.NotFound, unknown);

        // Nothing above changed the cluster.
        Assert.All((await AdminCalls.ClusterAsync(viaFirst)).Members, m => Assert.Equal("Up", m.Status));

        var (accepted, answer) = await AdminCalls.PostAsync(viaFirst, "/admin/cluster/leave", new { address = second });
        Assert.Equal(HttpStatusCode.Accepted, accepted);
        Assert.Equal(second, answer.GetProperty("address").GetString());
        Assert.Equal("leave", answer.GetProperty("action").GetString());

        ClusterView? last = null;
        await Eventually.TrueAsync(
            async () => (last = await AdminCalls.ClusterAsync(viaFirst)).Members.All(m => m.Address != second),
            AdminCalls.Deadline,
            () => $"the second node leaves and is removed; last view: {AdminCalls.Describe(last)}");
        Assert.Equal("Up", Assert.Single(last!.Members).Status);
        Assert.Equal(first, last.Leader);
    }

    private async Task<long> LastJournalOrderingAsync()
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(ordering) FROM journal";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
