using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace SignupEmail.Shared.Hosting.Admin;

/// <summary>
/// The 503 of an admin route whose dependency (Kafka, the cluster) did not answer within the node's
/// admin request timeout; <c>Retry-After</c> is that timeout in whole seconds, so a retry gets a full budget.
/// </summary>
public static class AdminUnavailableProblem
{
    /// <summary>Sets <c>Retry-After</c> on <paramref name="http"/> and returns the 503 problem.</summary>
    public static IResult Create(HttpContext http, TimeSpan requestTimeout, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.RetryAfter = RetryAfterSeconds(requestTimeout).ToString(CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title, detail: detail);
    }

    /// <summary>The <c>Retry-After</c> for <paramref name="requestTimeout"/>: its whole seconds, rounded up, at least 1.</summary>
    public static int RetryAfterSeconds(TimeSpan requestTimeout) => Math.Max(1, (int)Math.Ceiling(requestTimeout.TotalSeconds));
}
