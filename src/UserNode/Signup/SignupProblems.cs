using System.Globalization;

namespace SignupEmail.UserNode.Signup;

/// <summary>The RFC 7807 problem responses of the user API.</summary>
internal static class SignupProblems
{
    public static IResult Invalid(string field, string problem) =>
        Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [problem] });

    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The signup request is invalid.");

    /// <summary>415 naming the header, in the same <c>errors</c> shape as a validation problem.</summary>
    public static IResult UnsupportedMediaType(string field, string problem) => Results.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "The signup request has an unsupported content type.",
        extensions: new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["errors"] = new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [problem] },
        });

    /// <summary>
    /// The server could not read the body as sent (<paramref name="statusCode"/> from Kestrel: 400 for
    /// bad framing, 408 or 413 for its own limits); any other code becomes 400.
    /// </summary>
    public static IResult UnreadableBody(int statusCode) => statusCode is >= 400 and < 500 and not StatusCodes.Status400BadRequest
        ? Results.Problem(statusCode: statusCode, title: "The request body could not be read.")
        : Invalid("body", "could not be read (malformed chunked encoding or a body shorter than its Content-Length).");

    public static IResult AlreadyRegistered() => Results.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "This e-mail address is already registered.");

    public static IResult IdempotencyKeyReused() => Results.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "This Idempotency-Key was used for a different signup.",
        detail: "The address was registered with this key but another password, name or locale. Send a new key for a new request.");

    public static IResult Unavailable(HttpContext http, int retryAfterSeconds)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The user service cannot answer right now.",
            detail: "Retry after the time given in Retry-After.");
    }
}
