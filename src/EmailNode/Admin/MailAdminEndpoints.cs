using SignupEmail.EmailNode.SendLog;
using SignupEmail.Shared.Contracts;

namespace SignupEmail.EmailNode.Admin;

/// <summary><c>GET /admin/mail?email=…</c> or <c>?eventId=…</c>: the send log's entries for an address or an event.</summary>
internal static class MailAdminEndpoints
{
    /// <summary>Most entries one lookup returns, newest first.</summary>
    public const int MaxEntries = 100;

    public static RouteGroupBuilder MapMailAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/mail", LookUpAsync)
            .WithName("email-mail")
            .WithSummary("Was the welcome e-mail sent: the send log's entries for an address (canonicalised like a signup, any case) or an eventId.")
            .Produces<MailLookup>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return admin;
    }

    private static async Task<IResult> LookUpAsync(ISendLog sendLog, string? email, string? eventId, CancellationToken cancellationToken)
    {
        if ((email is null) == (eventId is null))
        {
            const string Either = "Give either 'email' or 'eventId', not both.";
            return Results.ValidationProblem(
                new Dictionary<string, string[]>(StringComparer.Ordinal) { ["email"] = [Either], ["eventId"] = [Either] },
                title: "The admin request is invalid.");
        }

        IReadOnlyList<SendLogEntry> entries;
        if (email is not null)
        {
            if (!EmailAddress.TryCanonicalize(email.Trim(), out var canonical, out var problem))
            {
                return AdminProblems.Invalid("email", $"'email' {problem}");
            }

            entries = await sendLog.FindByRecipientAsync(canonical, MaxEntries, cancellationToken);
        }
        else
        {
            if (!Guid.TryParse(eventId, out var id))
            {
                return AdminProblems.Invalid("eventId", "'eventId' must be a UUID.");
            }

            entries = await sendLog.FindAsync(id, cancellationToken) is { } entry ? [entry] : [];
        }

        // The address stays out of the answer's detail: the caller knows it, a log of the answer need not.
        return entries.Count == 0
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "The send log has nothing for it.", detail: email is null ? $"No entry for event {eventId}." : "No entry for that address.")
            : Results.Ok(new MailLookup(entries.Select(MailEntry.Of).ToList()));
    }
}
