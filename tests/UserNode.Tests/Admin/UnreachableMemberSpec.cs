using System.Globalization;
using System.Net;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using SignupEmail.Testing;
using SignupEmail.UserNode.Admin;
using SignupEmail.UserNode.Tests.Http;

namespace SignupEmail.UserNode.Tests.Admin;

/// <summary>
/// A member killed without leaving is reported unreachable, and <c>POST /admin/cluster/down</c>
/// gets it removed. The victim runs as its own process so it can be killed for real (SIGKILL).
/// </summary>
public sealed class UnreachableMemberSpec : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private UserNodeFactory? _survivor;
    private ChildProcess? _victim;

    public Task InitializeAsync()
    {
        // Keep-majority with one member on each side keeps the side with the lowest address: the
        // victim gets it. Were the down request not carried out, the resolver would down the
        // survivor (after stable-after, 10 s) instead of removing the victim, and this test fails.
        var ports = FreePorts.Take(2);
        var (victimPort, survivorPort) = (ports[0], ports[1]);
        _survivor = new UserNodeFactory(_database, AdminCalls.Settings(("UserNode:Cluster:Port", survivorPort.ToString(CultureInfo.InvariantCulture))));
        _survivor.CreateClient().Dispose(); // starts the node, which seeds itself
        _victim = ChildProcess.Start(
            "user-node-victim",
            Path.Combine(AppContext.BaseDirectory, "SignupEmail.UserNode.dll"),
            [
                $"--UserNode:Persistence:Provider={_database.Provider}",
                $"--UserNode:Persistence:ConnectionString={_database.ConnectionString}",
                $"--UserNode:Cluster:Port={victimPort}",
                $"--UserNode:Cluster:SeedNodes:0={AdminCalls.SelfAddress(_survivor)}",
                $"--UserNode:Signup:PasswordHashIterations={UserNodeFactory.LoweredHashIterations}",
                "--urls=http://127.0.0.1:0",
            ],
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Testing" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _victim?.Dispose();
        if (_survivor is not null)
        {
            await _survivor.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_killed_member_is_reported_unreachable_and_removed_once_downed()
    {
        using var client = AdminCalls.Client(_survivor!);
        var survivor = AdminCalls.SelfAddress(_survivor!);
        try
        {
            await AdminCalls.AllUpAsync(client, 2);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The victim did not join. Its output:\n{_victim!.Tail(60)}");
        }

        var victim = (await AdminCalls.ClusterAsync(client)).Members.Single(m => !m.IsSelf).Address;

        _victim!.SendSignal(ChildProcess.SigKill);
        ClusterView? last = null;
        await Eventually.TrueAsync(
            async () => (last = await AdminCalls.ClusterAsync(client)).Unreachable.Contains(victim),
            AdminCalls.Deadline,
            () => $"the killed member is reported unreachable; last view: {AdminCalls.Describe(last)}");
        Assert.False(last!.Members.Single(m => m.Address == victim).Reachable);
        Assert.True(last.Members.Single(m => m.Address == survivor).Reachable);

        var (status, answer) = await AdminCalls.PostAsync(client, "/admin/cluster/down", new { address = victim });
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("down", answer.GetProperty("action").GetString());

        var survivorCluster = Akka.Cluster.Cluster.Get(_survivor!.Services.GetRequiredService<ActorSystem>());
        await Eventually.TrueAsync(
            async () =>
            {
                Assert.False(survivorCluster.IsTerminated, "the survivor downed itself: the down request did not remove the victim in time");
                return (last = await AdminCalls.ClusterAsync(client)).Members.All(m => m.Address != victim);
            },
            AdminCalls.Deadline,
            () => $"the downed member is removed; last view: {AdminCalls.Describe(last)}");
        Assert.Empty(last!.Unreachable);
        Assert.Equal("Up", Assert.Single(last.Members).Status);
        Assert.Equal(survivor, last.Leader);
    }
}
