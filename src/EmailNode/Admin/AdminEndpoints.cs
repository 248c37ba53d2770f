using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.EmailNode.DeadLetters;

namespace SignupEmail.EmailNode.Admin;

/// <summary>
/// The node's admin HTTP API, behind <see cref="AdminKeyFilter"/>: dead-letter listing and replay,
/// consumer partitions and lag. Also the unauthenticated health endpoints.
/// </summary>
public static class AdminEndpoints
{
    /// <summary>Most records one listing returns.</summary>
    public const int MaxListLimit = 1000;

    /// <summary>Maps <c>/admin/*</c>, <c>/health/live</c> and <c>/health/ready</c>.</summary>
    public static IEndpointRouteBuilder MapEmailNodeAdmin(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

        var admin = endpoints.MapGroup("/admin").AddEndpointFilter<AdminKeyFilter>();
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
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"'limit' must be between 1 and {MaxListLimit}.");
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

    private static async Task<IResult> ConsumerAsync(EmailPipeline pipeline, CancellationToken cancellationToken)
    {
        var lag = await pipeline.GetPartitionLagAsync(cancellationToken);
        return Results.Ok(new
        {
            groupId = pipeline.GroupId,
            running = pipeline.IsRunning,
            runs = pipeline.Runs,
            partitions = lag.OrderBy(l => l.Partition.Partition.Value).Select(l => new
            {
                topic = l.Partition.Topic,
                partition = l.Partition.Partition.Value,
                highWatermark = l.HighWatermark,
                committed = l.Committed,
                position = l.Position,
                lag = l.LagFromCommitted,
            }),
        });
    }
}
