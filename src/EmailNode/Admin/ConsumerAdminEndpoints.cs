using Microsoft.Extensions.Options;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.EmailNode.Delivery;

namespace SignupEmail.EmailNode.Admin;

/// <summary><c>GET /admin/consumer</c>: this node's consumer, its delivery circuit and delay, and the state of each assigned partition.</summary>
internal static class ConsumerAdminEndpoints
{
    public static RouteGroupBuilder MapConsumerAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/consumer", ConsumerAsync)
            .WithName("email-consumer")
            .WithSummary("This node's consumer: assigned partitions with committed offset, high watermark, lag and state (Consuming, Retrying, Paused), and the delivery circuit breaker.")
            .Produces<ConsumerStatus>();
        return admin;
    }

    private static async Task<IResult> ConsumerAsync(
        EmailPipeline pipeline, DeliveryCircuitBreaker breaker, DeliveryDelay delay, ConsumerLagReader reader, IOptions<AdminOptions> options, CancellationToken cancellationToken)
    {
        // Read from Kafka now, for the partitions this node holds now; readAt says when.
        var lag = await reader.ReadAsync(pipeline.AssignedPartitions, options.Value.RequestTimeout, cancellationToken);
        var circuit = breaker.Status;
        return Results.Ok(new ConsumerStatus(
            pipeline.GroupId,
            pipeline.IsRunning,
            pipeline.Runs,
            lag.ReadAt,
            new CircuitView(circuit.State.ToString(), circuit.ConsecutiveFailures, circuit.OpenedAt),
            lag.Partitions
                .Select(p => new ConsumerPartitionStatus(
                    p.Partition.Topic, p.Partition.Partition.Value, p.Committed, p.HighWatermark, p.Lag, StateOf(pipeline, circuit, p).ToString()))
                .ToList(),
            (long)delay.Current.TotalMilliseconds));
    }

    // An open (or probing) circuit holds every partition, whatever each one's own pipeline is doing.
    private static PartitionState StateOf(EmailPipeline pipeline, CircuitStatus circuit, PartitionProgress progress) =>
        circuit.State == CircuitState.Closed ? pipeline.StateOf(progress.Partition) : PartitionState.Paused;
}
