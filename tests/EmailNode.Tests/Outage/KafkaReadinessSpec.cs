using System.Diagnostics;
using System.Net;
using SignupEmail.EmailNode.Admin;
using SignupEmail.EmailNode.Hosting;
using SignupEmail.EmailNode.Tests.Consuming;
using SignupEmail.EmbeddedKafka;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Outage;

/// <summary>
/// Readiness and <c>/health</c> see a dead Kafka within seconds: Degraded with the reason (still 200,
/// see <see cref="KafkaHealthCheck"/>), and Healthy again once the brokers are back.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaReadinessSpec(ITestOutputHelper output)
{
    // "Within seconds": the probe waits 2 s for a broker and reuses an answer for 1 s; the rest is
    // slack for a busy machine. Before the fix nothing changed for minutes.
    private static readonly TimeSpan NoticeWithin = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Health_reports_Kafka_Degraded_with_the_reason_while_every_broker_is_down_and_Healthy_once_they_are_back()
    {
        await using var node = await OutageNode.StartAsync(output);
        var healthy = await EventuallyReportsAsync(node.Client, r => r.Checks[KafkaHealthCheck.Name].Status == "Healthy", "Kafka is reported healthy", OutageNode.Patience);
        Assert.Equal("Healthy", healthy.Status);
        Assert.Contains("1 broker(s)", healthy.Checks[KafkaHealthCheck.Name].Description, StringComparison.Ordinal);

        node.Cluster.SetBrokerDown(EmbeddedKafkaCluster.AllBrokers);
        var clock = Stopwatch.StartNew();
        var degraded = await EventuallyReportsAsync(node.Client, r => r.Checks[KafkaHealthCheck.Name].Status == "Degraded", "Kafka is reported Degraded", NoticeWithin);
        output.WriteLine($"noticed after {clock.Elapsed}: {degraded}");
        Assert.Equal(HttpStatusCode.OK, degraded.StatusCode);
        Assert.Equal("Degraded", degraded.Status);
        var reason = degraded.Checks[KafkaHealthCheck.Name].Description;
        Assert.StartsWith("No Kafka broker answered within 2 s", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", reason, StringComparison.Ordinal); // the report answers without a key
        using (var ready = await node.Client.GetAsync(EmailNodeApplication.ReadyPath))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
        }

        node.Cluster.SetBrokerUp(EmbeddedKafkaCluster.AllBrokers);
        await EventuallyReportsAsync(node.Client, r => r.Checks[KafkaHealthCheck.Name].Status == "Healthy", "Kafka is reported healthy again", NoticeWithin);
    }

    private static async Task<NodeHealth> EventuallyReportsAsync(HttpClient client, Func<NodeHealth, bool> condition, string because, TimeSpan within)
    {
        NodeHealth? last = null;
        await Eventually.TrueAsync(
            async () => condition(last = await NodeHealth.GetAsync(client, EmailNodeApplication.HealthPath)),
            within,
            () => $"{because}; last report: {last}");
        return last!;
    }
}
