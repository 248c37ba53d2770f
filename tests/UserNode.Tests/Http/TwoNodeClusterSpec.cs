using System.Net;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SignupEmail.Testing;
using SignupEmail.UserNode.Hosting;
using SignupEmail.UserNode.Publishing;
using SignupEmail.UserNode.Users;

namespace SignupEmail.UserNode.Tests.Http;

/// <summary>Two user nodes on one database form one cluster, share the shards, and still admit an address once.</summary>
public abstract class TwoNodeClusterSpec(Func<Task<TestDatabase>> createDatabase) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private TestDatabase? _database;
    private UserNodeFactory? _first;
    private UserNodeFactory? _second;

    public async Task InitializeAsync()
    {
        _database = await createDatabase();
        _first = new UserNodeFactory(_database);
        _first.CreateClient().Dispose(); // starts the first node, which seeds itself
        var seed = Akka.Cluster.Cluster.Get(_first.Services.GetRequiredService<ActorSystem>()).SelfAddress.ToString();
        _second = new UserNodeFactory(_database, new Dictionary<string, string?> { ["UserNode:Cluster:SeedNodes:0"] = seed });
        _second.CreateClient().Dispose();
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

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Both_nodes_join_one_cluster_share_the_shards_and_admit_each_address_once()
    {
        var first = _first!.Services.GetRequiredService<ActorSystem>();
        var second = _second!.Services.GetRequiredService<ActorSystem>();
        await Eventually.TrueAsync(
            () => Akka.Cluster.Cluster.Get(first).State.Members.Count(m => m.Status == MemberStatus.Up) == 2,
            Deadline,
            "the second node joins the first one's cluster");

        using var viaFirst = _first.CreateClient();
        using var viaSecond = _second.CreateClient();

        // Many users: new shards are allocated to the region with the fewest, so both nodes get some.
        for (var i = 0; i < 20; i++)
        {
            using var created = await (i % 2 == 0 ? viaFirst : viaSecond).PostAsync("/api/users", SignupJson.Signup(SignupJson.UniqueEmail("spread")));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        Assert.True(await HostedShardsAsync(first) > 0, "the first node hosts shards");
        Assert.True(await HostedShardsAsync(second) > 0, "the second node hosts shards");

        var email = SignupJson.UniqueEmail("TwoNodes");
        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? viaFirst : viaSecond).PostAsync("/api/users", SignupJson.Signup(email));
            return response.StatusCode;
        }));
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(19, statuses.Count(s => s == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task The_younger_node_reports_the_publisher_that_runs_on_the_oldest()
    {
        var first = _first!.Services.GetRequiredService<ActorSystem>();
        await Eventually.TrueAsync(
            () => Akka.Cluster.Cluster.Get(first).State.Members.Count(m => m.Status == MemberStatus.Up) == 2,
            Deadline,
            "the second node joins the first one's cluster");
        using var viaSecond = _second!.CreateClient();

        // The question and the answer cross the nodes through the publishing serializer.
        NodeHealth? last = null;
        await Eventually.TrueAsync(
            async () => (last = await NodeHealth.GetAsync(viaSecond, UserNodeApplication.HealthPath)).Checks[JournalPublisherHealthCheck.Name].Description.StartsWith("Published up to journal ordering", StringComparison.Ordinal),
            Deadline,
            () => $"the second node gets the publisher's status from the first; last report: {last}");
    }

    private static async Task<int> HostedShardsAsync(ActorSystem system)
    {
        var region = await ActorRegistry.For(system).GetAsync<UserRegion>();
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(10));
        return state.Shards.Count;
    }
}

public sealed class SqliteTwoNodeClusterSpec() : TwoNodeClusterSpec(() => Task.FromResult<TestDatabase>(new SqliteTestDatabase()));

public sealed class PostgresTwoNodeClusterSpec() : TwoNodeClusterSpec(async () => await PostgresTestDatabase.CreateAsync());
