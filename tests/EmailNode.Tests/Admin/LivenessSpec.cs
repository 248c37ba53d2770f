using System.Net;
using Akka.Actor;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SignupEmail.EmailNode.Admin;
using SignupEmail.EmailNode.Hosting;
using SignupEmail.EmailNode.Tests.Consuming;
using SignupEmail.Shared.Hosting;
using SignupEmail.Testing;

namespace SignupEmail.EmailNode.Tests.Admin;

/// <summary>The Email node's probes: live follows Akka.Hosting's actor system check, ready our pipeline and Kafka checks.</summary>
[Collection(KafkaCollection.Name)]
public sealed class LivenessSpec(KafkaClusterFixture kafka) : IDisposable
{
    private const string ActorSystemCheck = "akka.actorsystem";
    private const string FailingCheck = "test-failing-live-check";
    private readonly AdminTestNode _nodes = new(kafka);

    public void Dispose() => _nodes.Dispose();

    [Fact]
    public async Task Live_is_akka_hostings_actor_system_check_which_reports_a_terminated_system_and_the_probe_follows_the_live_checks()
    {
        // A live check that always fails, added by the test: the probe must answer with it.
        await using var node = _nodes.Node().WithWebHostBuilder(web => web.ConfigureTestServices(services =>
            services.AddHealthChecks().AddCheck(FailingCheck, () => HealthCheckResult.Unhealthy("failing on purpose"), tags: [NodeHealthTags.Live])));
        using var client = node.CreateClient();
        await Eventually.TrueAsync(async () => (await client.GetAsync(EmailNodeApplication.ReadyPath)).StatusCode == HttpStatusCode.OK, AdminTestNode.Patience, "the node becomes ready once it consumes");

        var checks = node.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Equal([ActorSystemCheck, FailingCheck], checks.Where(c => c.Tags.Contains(NodeHealthTags.Live)).Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["email-pipeline", KafkaHealthCheck.Name], checks.Where(c => c.Tags.Contains(NodeHealthTags.Ready)).Select(c => c.Name).Order(StringComparer.Ordinal));

        using (var live = await client.GetAsync(EmailNodeApplication.LivePath))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, live.StatusCode);
            Assert.Equal("Unhealthy", await live.Content.ReadAsStringAsync());
        }

        Assert.Equal(("Healthy", "ActorSystem is running."), (await NodeHealth.GetAsync(client, EmailNodeApplication.HealthPath)).Checks[ActorSystemCheck]);

        // The node's own registration, against an actor system that has terminated. (Terminating the
        // node's own would stop the node: Akka.Hosting stops the application when its actor system ends.)
        var registration = checks.Single(c => c.Name == ActorSystemCheck);
        using var system = ActorSystem.Create("terminated");
        await system.Terminate();
        await using var services = new ServiceCollection().AddSingleton(system).BuildServiceProvider();
        var result = await registration.Factory(services).CheckHealthAsync(new HealthCheckContext { Registration = registration });
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("ActorSystem has terminated.", result.Description);
    }
}
