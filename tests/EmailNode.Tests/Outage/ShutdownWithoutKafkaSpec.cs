using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SignupEmail.EmailNode.Hosting;
using SignupEmail.EmailNode.Tests.Consuming;
using SignupEmail.EmbeddedKafka;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Outage;

/// <summary>Stopping a node while every broker is down takes Email:Kafka:DrainTimeout, not twice that or more.</summary>
[Collection(KafkaCollection.Name)]
public sealed class ShutdownWithoutKafkaSpec(ITestOutputHelper output)
{
    [Fact]
    public async Task A_node_whose_brokers_are_all_down_stops_within_its_drain_timeout()
    {
        var drainTimeout = TimeSpan.FromSeconds(8);
        await using var node = await OutageNode.StartAsync(output, new Dictionary<string, string?>
        {
            ["Email:Kafka:DrainTimeout"] = drainTimeout.ToString("c"),
            // Kafka's default: the consumer keeps its partitions (and the offset it could not commit)
            // for the whole stop, as in production; a short test session would end it early.
            ["Email:Kafka:KafkaProperties:session.timeout.ms"] = "45000",
        });
        await node.DeliverOneAsync();

        node.Cluster.SetBrokerDown(EmbeddedKafkaCluster.AllBrokers);
        var clock = Stopwatch.StartNew();
        await node.App.StopAsync();
        clock.Stop();

        // The margin covers stopping the HTTP server and the actor system on a busy machine; before
        // the fix the drain timeout was spent twice (60 s with the default 30 s).
        Assert.True(clock.Elapsed < drainTimeout + TimeSpan.FromSeconds(6), $"stopping took {clock.Elapsed} with a {drainTimeout} drain timeout");
        Assert.False(node.Pipeline.IsRunning);
    }

    [Theory]
    [InlineData(null, "00:00:30", 31)] // the host's default (30 s) would give up on the drain as it ends
    [InlineData(null, "00:01:00", 61)]
    [InlineData(4, "00:00:03", 4)] // a launcher's cap that fits the drain is kept
    public async Task The_host_gives_the_drain_its_whole_timeout(int? hostCapSeconds, string drainTimeout, int expectedSeconds)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(EmailOptionsValidationSpec.ValidPickup(Path.GetTempPath()))
        {
            ["Email:Kafka:BootstrapServers"] = "127.0.0.1:9092",
            ["Email:Kafka:DrainTimeout"] = drainTimeout,
        });
        if (hostCapSeconds is { } cap)
        {
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(cap));
        }

        await using var app = EmailNodeApplication.Build(builder);
        var host = app.Services.GetRequiredService<IOptions<HostOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), host.ShutdownTimeout);
    }
}
