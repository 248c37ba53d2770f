using Microsoft.Extensions.Options;
using SignupEmail.EmailNode.Consuming;

namespace SignupEmail.EmailNode.Admin;

/// <summary><c>GET /admin/kafka/topics</c> and <c>GET /admin/kafka/lag</c>: the cluster and the whole group, read from Kafka now.</summary>
internal static class KafkaAdminEndpoints
{
    public static RouteGroupBuilder MapKafkaAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/kafka/topics", TopicsAsync)
            .WithName("email-kafka-topics")
            .WithSummary("Brokers, the controller, and each partition's leader, replicas and in-sync replicas of the signup topic and its dead-letter topic.")
            .Produces<KafkaTopology>();
        admin.MapGet("/kafka/lag", LagAsync)
            .WithName("email-kafka-lag")
            .WithSummary("The consumer group's committed offset, end offset and lag on every partition of the signup topic, whoever owns it.")
            .Produces<GroupLag>();
        return admin;
    }

    private static async Task<IResult> TopicsAsync(KafkaTopologyReader reader, IOptions<AdminOptions> options, CancellationToken cancellationToken) =>
        Results.Ok(await reader.ReadAsync(options.Value.RequestTimeout, cancellationToken));

    private static async Task<IResult> LagAsync(
        ConsumerLagReader reader, EmailPipeline pipeline, IOptions<ConsumingOptions> consuming, IOptions<AdminOptions> options, CancellationToken cancellationToken)
    {
        var lag = await reader.ReadTopicAsync(options.Value.RequestTimeout, cancellationToken);
        var assigned = pipeline.AssignedPartitions.ToHashSet();
        return Results.Ok(new GroupLag(
            pipeline.GroupId,
            consuming.Value.Topic,
            lag.ReadAt,
            lag.Partitions
                .Select(p => new GroupPartitionLag(p.Partition.Partition.Value, p.Committed, p.HighWatermark, p.Lag, assigned.Contains(p.Partition)))
                .ToList(),
            lag.TotalLag));
    }
}
