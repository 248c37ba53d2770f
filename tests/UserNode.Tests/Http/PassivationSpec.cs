using System.Net;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SignupEmail.Testing;
using SignupEmail.UserNode.Users;

namespace SignupEmail.UserNode.Tests.Http;

public sealed class PassivationSpec : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private UserNodeFactory? _node;

    public Task InitializeAsync()
    {
        _node = new UserNodeFactory(_database, new Dictionary<string, string?> { ["UserNode:Users:PassivateIdleAfter"] = "00:00:01" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _node!.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task An_idle_entity_is_passivated_and_recovers_on_the_next_request()
    {
        using var client = _node!.CreateClient();
        var email = SignupJson.UniqueEmail("idle");
        using var created = await client.PostAsync("/api/users", SignupJson.Signup(email));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var region = await ActorRegistry.For(_node.Services.GetRequiredService<ActorSystem>()).GetAsync<UserRegion>();

        // The entity answered the signup, so it existed; no entity left means it was passivated.
        await Eventually.TrueAsync(async () => await EntityCountAsync(region) == 0, TimeSpan.FromSeconds(60), "the idle entity stops");

        using var again = await client.PostAsync("/api/users", SignupJson.Signup(email));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode); // recovered from the journal: it knows the user
    }

    private static async Task<int> EntityCountAsync(IActorRef region)
    {
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(10));
        return state.Shards.Sum(s => s.EntityIds.Count);
    }
}
