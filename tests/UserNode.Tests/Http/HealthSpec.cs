using System.Net;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SignupEmail.Shared.Hosting;
using SignupEmail.Testing;
using SignupEmail.UserNode.Cluster;
using SignupEmail.UserNode.Hosting;
using SignupEmail.UserNode.Persistence;

namespace SignupEmail.UserNode.Tests.Http;

/// <summary>The probes a load balancer or container runtime asks: answered without a key, never cached.</summary>
public sealed class HealthSpec(SqliteUserNodeFixture fixture) : IClassFixture<SqliteUserNodeFixture>
{
    private const string ActorSystemCheck = "akka.actorsystem";

    [Fact]
    public async Task Live_answers_while_the_process_serves_http()
    {
        using var response = await fixture.Client.GetAsync(UserNodeApplication.LivePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Live_asks_only_akka_hostings_actor_system_check_and_ready_our_membership_and_database_checks()
    {
        var checks = fixture.Node.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        Assert.Equal([ActorSystemCheck], checks.Where(c => c.Tags.Contains(NodeHealthTags.Live)).Select(c => c.Name));
        Assert.Equal(
            ["cluster-membership", JournalDatabaseHealthCheck.Name],
            checks.Where(c => c.Tags.Contains(NodeHealthTags.Ready)).Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_actor_system_check_reports_a_terminated_actor_system_as_unhealthy()
    {
        Assert.Equal(("Healthy", "ActorSystem is running."), (await NodeHealth.GetAsync(fixture.Client, UserNodeApplication.HealthPath)).Checks[ActorSystemCheck]);

        // The node's own registration, against an actor system that has terminated. (Terminating the
        // node's own would stop the node: Akka.Hosting stops the application when its actor system ends.)
        var registration = fixture.Node.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Single(c => c.Name == ActorSystemCheck);
        using var system = ActorSystem.Create("terminated");
        await system.Terminate();
        await using var services = new ServiceCollection().AddSingleton(system).BuildServiceProvider();
        var result = await registration.Factory(services).CheckHealthAsync(new HealthCheckContext { Registration = registration });

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("ActorSystem has terminated.", result.Description);
    }

    [Fact]
    public async Task Live_answers_503_when_a_live_check_fails()
    {
        await using var database = new SqliteTestDatabase();
        await using var node = new UserNodeFactory(database).WithWebHostBuilder(web => web.ConfigureTestServices(services =>
            services.AddHealthChecks().AddCheck("test-failing-live-check", () => HealthCheckResult.Unhealthy("failing on purpose"), tags: [NodeHealthTags.Live])));
        using var client = node.CreateClient();

        using var live = await client.GetAsync(UserNodeApplication.LivePath);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, live.StatusCode);
        Assert.Equal("Unhealthy", await live.Content.ReadAsStringAsync());
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
            var (status, description) = (await NodeHealth.GetAsync(client, UserNodeApplication.HealthPath)).Checks[JournalDatabaseHealthCheck.Name];
            Assert.Equal("Unhealthy", status);
            Assert.Contains($"database \"{database.DatabaseName}\" does not exist", description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_database_gone_at_run_time_is_logged_once_per_publisher_backoff_not_once_a_second_per_plugin()
    {
        var database = await PostgresTestDatabase.CreateAsync();
        await using (database)
        await using (var node = new UserNodeFactory(database))
        {
            using var client = node.CreateClient();
            // Both persistence plugins create their tables when they start. Started with the node,
            // they do so without any signup; before, the snapshot store started only with the first
            // signup, which found the database gone.
            await Eventually.TrueAsync(
                async () => await database.HasTableAsync("journal") && await database.HasTableAsync("snapshot"),
                TimeSpan.FromSeconds(30),
                "the journal and the snapshot store create their tables without a signup");

            await database.DisposeAsync(); // drops the database under the running node
            using (await client.PostAsync("/api/users", SignupJson.Signup(SignupJson.UniqueEmail("gone"))))
            {
                // The answer does not matter (503 or 500): the signup makes an entity recover, which
                // asks the snapshot store and the journal.
            }

            // The publisher restarts under a backoff (1 s, 2 s, ...): two failures take a few seconds.
            static int Count(UserNodeFactory node, string text) =>
                node.Logs.Lines.Count(line => line.Contains(text, StringComparison.Ordinal));
            await Eventually.TrueAsync(
                () => Task.FromResult(Count(node, "] Journal publisher: ") >= 2),
                TimeSpan.FromSeconds(30),
                () => "the publisher fails twice on the missing database; errors logged:\n" +
                    string.Join("\n", node.Logs.Lines.Where(line => line.StartsWith("Error", StringComparison.Ordinal)).Select(line => line[..Math.Min(300, line.Length)])));

            // Before: the snapshot store, started by that first signup, retried its initialization
            // every second with two error lines and stack traces each, for as long as the database was away.
            Assert.Equal(0, Count(node, "SQL SnapshotStore initialization"));
            Assert.Equal(0, Count(node, "SQL Journal initialization"));
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
