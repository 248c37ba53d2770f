using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using SignupEmail.EmailNode.Admin;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.EmailNode.Delivery;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Consuming;

/// <summary>Readiness of two nodes sharing a one-partition topic: one consumes, the other stands by.</summary>
[Collection(KafkaCollection.Name)]
public sealed class StandbyReadinessSpec : PipelineSpecBase
{
    private readonly ITestOutputHelper _output;

    public StandbyReadinessSpec(KafkaClusterFixture kafka, ITestOutputHelper output)
        : base(kafka, output)
    {
        _output = output;
    }

    [Fact]
    public async Task A_node_without_partitions_is_ready_during_the_grace_period_then_degraded_while_the_consuming_node_is_healthy()
    {
        var options = Options(o => o with
        {
            Topic = Kafka.CreateUniqueTopic("standby", partitions: 1),
            DeadLetterTopic = Kafka.CreateUniqueTopic("standby-dlt", partitions: 1),
        });
        // Each node's own clock, moved by hand: the grace period passes without waiting for it.
        var clockA = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var clockB = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var a = Start(options, clockA, Sys);
        await using var b = Start(options, clockB, NodeSystem("standby-b"));

        // Which node gets the partition is up to the group; either way the other one stands by.
        var sawWaitingReady = false;
        await Eventually.TrueAsync(
            async () =>
            {
                if (!a.IsRunning || !b.IsRunning || a.AssignedPartitions.Count + b.AssignedPartitions.Count != 1)
                {
                    return false;
                }

                var (standby, standbyClock, consuming) = a.AssignedPartitions.Count == 0 ? (a, clockA, b) : (b, clockB, a);
                var waiting = await ReadinessAsync(standby, options);
                sawWaitingReady |= waiting.Status == HealthStatus.Healthy;
                standbyClock.Advance(PipelineHealthCheck.AssignmentGrace + TimeSpan.FromSeconds(1));
                var standing = await ReadinessAsync(standby, options);
                var working = await ReadinessAsync(consuming, options);
                _output.WriteLine($"standby: {waiting.Status} then {standing.Status} ({standing.Description}); consuming: {working.Status}");
                return standing.Status == HealthStatus.Degraded && working.Status == HealthStatus.Healthy;
            },
            Patience,
            "past the grace period the node without partitions reports Degraded, the one with the partition Healthy");
        Assert.True(sawWaitingReady, "within the grace period the node without partitions was still ready");
    }

    private EmailPipeline Start(ConsumingOptions options, TimeProvider clock, Akka.Actor.ActorSystem system)
    {
        var handler = new WelcomeRecordHandler(
            SendLog, Renderers.Shipped(), Delivery(), Breaker(options), new DeliveryDelay(TimeProvider.System), options.Retry, TimeProvider.System, LoggerFactory.CreateLogger<WelcomeRecordHandler>());
        var pipeline = new EmailPipeline(system, options, handler, clock, LoggerFactory.CreateLogger<EmailPipeline>());
        pipeline.Start();
        return pipeline;
    }

    private static Task<HealthCheckResult> ReadinessAsync(EmailPipeline pipeline, ConsumingOptions options) =>
        new PipelineHealthCheck(pipeline, Microsoft.Extensions.Options.Options.Create(options)).CheckHealthAsync(new HealthCheckContext());
}
