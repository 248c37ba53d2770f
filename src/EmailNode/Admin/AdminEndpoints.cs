using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.EmailNode.DeadLetters;
using SignupEmail.EmailNode.Settings;
using SignupEmail.Shared.Hosting.Admin;

namespace SignupEmail.EmailNode.Admin;

/// <summary>
/// The node's admin HTTP API, behind the shared <see cref="AdminKeyFilter"/>: dead-letter listing and replay,
/// consumer partitions and lag. Every call asks Kafka and is bounded by Email:Admin:RequestTimeout;
/// an unreachable cluster answers 503 with <c>Retry-After</c> (<see cref="KafkaFailureFilter"/>).
/// </summary>
public static class AdminEndpoints
{
    /// <summary>Most records one listing returns.</summary>
    public const int MaxListLimit = 1000;

    /// <summary>Maps <c>/admin/*</c>.</summary>
    public static IEndpointRouteBuilder MapEmailNodeAdmin(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var admin = endpoints.MapAdminApi("email", EmailOptions.SectionName);
        admin.AddEndpointFilter<KafkaFailureFilter>()
            .WithRequestTimeout(AdminServiceCollectionExtensions.RequestTimeoutPolicy);
        admin.MapGet("/dead-letters", ListDeadLettersAsync);
        admin.MapPost("/dead-letters/replay", ReplayAsync);
        admin.MapGet("/consumer", ConsumerAsync);
        return endpoints;
    }

    private static async Task<IResult> ListDeadLettersAsync(
        DeadLetterTopic deadLetters, int? partition, long? fromOffset, long? toOffset, int? limit, CancellationToken cancellationToken)
    {
        var selection = partition is null && fromOffset is null && toOffset is null
            ? new DeadLetterSelection(All: true)
            : new DeadLetterSelection(false, partition, fromOffset, toOffset);
        if (selection.Problem() is { } problem)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: problem);
        }

        if (limit is < 1 or > MaxListLimit)
        {
            return AdminProblems.Invalid("limit", $"'limit' must be between 1 and {MaxListLimit}.");
        }

        var entries = await deadLetters.ListAsync(selection, limit ?? 100, cancellationToken);
        return Results.Ok(entries);
    }

    private static async Task<IResult> ReplayAsync(DeadLetterTopic deadLetters, [FromBody] DeadLetterSelection selection, CancellationToken cancellationToken)
    {
        if (selection.Problem() is { } problem)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: problem);
        }

        var replayed = await deadLetters.ReplayAsync(selection, cancellationToken);
        return Results.Ok(new { replayed });
    }

    private static async Task<IResult> ConsumerAsync(
        EmailPipeline pipeline, ConsumerLagReader reader, IOptions<AdminOptions> options, CancellationToken cancellationToken)
    {
        // Read from Kafka now, for the partitions this node holds now; readAt says when.
        var lag = await reader.ReadAsync(pipeline.AssignedPartitions, options.Value.RequestTimeout, cancellationToken);
        return Results.Ok(new
        {
            groupId = pipeline.GroupId,
            running = pipeline.IsRunning,
            runs = pipeline.Runs,
            readAt = lag.ReadAt,
            partitions = lag.Partitions.Select(p => new
            {
                topic = p.Partition.Topic,
                partition = p.Partition.Partition.Value,
                highWatermark = p.HighWatermark,
                committed = p.Committed,
                lag = p.Lag,
            }),
        });
    }
}
