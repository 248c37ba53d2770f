using System.Net;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SignupEmail.Testing;
using SignupEmail.UserNode.Cluster;
using SignupEmail.UserNode.Hosting;
using SignupEmail.UserNode.Persistence;

namespace SignupEmail.UserNode.Tests.Http;

/// <summary>The probes a load balancer or container runtime asks: answered without a key, never cached.</summary>
public sealed class HealthSpec(SqliteUserNodeFixture fixture) : IClassFixture<SqliteUserNodeFixture>
{
    [Fact]
    public async Task Live_answers_while_the_process_serves_http()
    {
        using var response = await fixture.Client.GetAsync(UserNodeApplication.LivePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_once_the_node_is_an_up_member_of_its_cluster()
    {
        // The fixture's node joins itself in the background; readiness follows membership, so wait for that first.
        var cluster = Akka.Cluster.Cluster.Get(fixture.Node.Services.GetRequiredService<ActorSystem>());
        await Eventually.TrueAsync(
            () => cluster.SelfMember.Status == MemberStatus.Up,
            TimeSpan.FromSeconds(30),
            "the node becomes an Up member of its own cluster");

        using var response = await fixture.Client.GetAsync(UserNodeApplication.ReadyPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Not_ready_once_the_journals_database_is_gone_and_the_report_says_why()
    {
        var database = await PostgresTestDatabase.CreateAsync();
        await using (database)
        await using (var node = new UserNodeFactory(database))
        {
            using var client = node.CreateClient();
            await Eventually.TrueAsync(
                async () => (await client.GetAsync(UserNodeApplication.ReadyPath)).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(30),
                "the node becomes ready on its database");

            await database.DisposeAsync(); // drops the database under the running node

            await Eventually.TrueAsync(
                async () => (await client.GetAsync(UserNodeApplication.ReadyPath)).StatusCode == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(30),
                "readiness follows the journal's database");
            var (status, description) = (await HealthReport.GetAsync(client)).Checks[JournalDatabaseHealthCheck.Name];
            Assert.Equal("Unhealthy", status);
            Assert.Contains($"database \"{database.DatabaseName}\" does not exist", description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Not_ready_while_the_node_has_not_joined_a_cluster()
    {
        using var system = ActorSystem.Create("signup-user", ConfigurationFactory.ParseString("""
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            """));
        var check = new ClusterMembershipHealthCheck(system);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("not Up", result.Description, StringComparison.Ordinal);
        await system.Terminate();
    }
}
