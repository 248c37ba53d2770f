using System.Globalization;
using SignupEmail.EmailNode.DeadLetters;
using SignupEmail.Shared.Hosting.Admin;

namespace SignupEmail.EmailNode.Admin;

/// <summary><c>GET /admin/dead-letters</c> (paged) and <c>POST /admin/dead-letters/replay</c>.</summary>
internal static class DeadLetterAdminEndpoints
{
    /// <summary>Most records one page holds.</summary>
    public const int MaxListLimit = 1000;

    /// <summary>Records on a page when the caller does not say.</summary>
    public const int DefaultListLimit = 100;

    /// <summary>Most records a <c>newest</c> listing holds.</summary>
    public const int MaxNewest = 100;

    private const string ListPath = "/admin/dead-letters";

    public static RouteGroupBuilder MapDeadLetterAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/dead-letters", ListAsync)
            .WithName("email-dead-letters")
            .WithSummary("Records on the dead-letter topic, oldest first, with their dlt-* headers; 'next' is the path of the following page, null on the last. With 'newest=N' (alone): the N most recently written, across partitions, newest first.")
            .Produces<DeadLetterListing>()
            .ProducesValidationProblem();
        admin.MapPost("/dead-letters/replay", ReplayAsync)
            .WithName("email-dead-letters-replay")
            .WithSummary("Sends dead-lettered records back to the signup topic: {\"all\": true}, or a partition with optional fromOffset/toOffset (inclusive). Safe to repeat.")
            .Accepts<DeadLetterSelection>("application/json")
            .Produces<ReplayResult>()
            .ProducesValidationProblem();
        return admin;
    }

    private static async Task<IResult> ListAsync(
        DeadLetterTopic deadLetters, int? partition, long? fromOffset, long? toOffset, int? limit, string? after, string? newest, CancellationToken cancellationToken)
    {
        if (newest is not null)
        {
            return await NewestAsync(deadLetters, newest, partition is null && fromOffset is null && toOffset is null && limit is null && after is null, cancellationToken);
        }

        var selection = partition is null && fromOffset is null && toOffset is null
            ? new DeadLetterSelection(All: true)
            : new DeadLetterSelection(false, partition, fromOffset, toOffset);
        if (selection.Problem() is { } problem)
        {
            return AdminProblems.Invalid(selection.ProblemField()!, problem);
        }

        if (limit is < 1 or > MaxListLimit)
        {
            return AdminProblems.Invalid("limit", $"'limit' must be between 1 and {MaxListLimit}.");
        }

        var position = DeadLetterPosition.Parse(after);
        if (after is not null && (position is null || !selection.All))
        {
            return AdminProblems.Invalid("after", "'after' is 'partition:offset' from a 'next' link of a listing of every partition; do not combine it with partition or offsets.");
        }

        var pageSize = limit ?? DefaultListLimit;
        var page = await deadLetters.ListAsync(selection, pageSize, position, cancellationToken);
        return Results.Ok(new DeadLetterListing(page.Items, page.HasMore ? Next(selection, page.Items[^1], pageSize) : null));
    }

    // The latest failures at a glance (the dashboard's list): one answer, no paging.
    // Taken as text: a value that is not a number is answered naming 'newest', not by the binder's bare 400.
    private static async Task<IResult> NewestAsync(DeadLetterTopic deadLetters, string newest, bool alone, CancellationToken cancellationToken)
    {
        if (!alone)
        {
            return AdminProblems.Invalid("newest", "'newest' lists the latest records of every partition; do not combine it with partition, fromOffset, toOffset, after or limit.");
        }

        if (!int.TryParse(newest, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > MaxNewest)
        {
            return AdminProblems.Invalid("newest", $"'newest' must be a whole number between 1 and {MaxNewest}.");
        }

        return Results.Ok(new DeadLetterListing(await deadLetters.NewestAsync(count, cancellationToken), Next: null));
    }

    // A partition's listing continues from an offset (the contract's form); a listing of every
    // partition continues after the last record, partitions in order.
    private static string Next(DeadLetterSelection selection, DeadLetterEntry last, int limit) =>
        selection.All
            ? string.Create(CultureInfo.InvariantCulture, $"{ListPath}?after={new DeadLetterPosition(last.Partition, last.Offset)}&limit={limit}")
            : string.Create(
                CultureInfo.InvariantCulture,
                $"{ListPath}?partition={last.Partition}&fromOffset={last.Offset + 1}{(selection.ToOffset is { } to ? $"&toOffset={to}" : string.Empty)}&limit={limit}");

    // The body is read by hand, after the key filter: bound by the framework it would be read (and a
    // bad one answered 400 naming no field) before the key is checked.
    private static async Task<IResult> ReplayAsync(DeadLetterTopic deadLetters, HttpRequest http, CancellationToken cancellationToken)
    {
        var (selection, bodyProblem) = await AdminRequestBody.ReadAsync<DeadLetterSelection>(http, cancellationToken);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        if (selection is null)
        {
            return AdminProblems.Invalid("body", "is required: {\"all\": true} or {\"partition\": P, \"fromOffset\": O, \"toOffset\": O}.");
        }

        if (selection.Problem() is { } problem)
        {
            return AdminProblems.Invalid(selection.ProblemField()!, problem);
        }

        return Results.Ok(new ReplayResult(await deadLetters.ReplayAsync(selection, cancellationToken)));
    }
}
