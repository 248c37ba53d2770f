using System.Diagnostics;
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
}
