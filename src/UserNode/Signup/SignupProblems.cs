using System.Globalization;

namespace SignupEmail.UserNode.Signup;

/// <summary>The RFC 7807 problem responses of the user API.</summary>
internal static class SignupProblems
{
    public static IResult Invalid(string field, string problem) =>
        Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [problem] });

    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The signup request is invalid.");

    public static IResult AlreadyRegistered() => Results.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "This e-mail address is already registered.");

    public static IResult IdempotencyKeyReused() => Results.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "This Idempotency-Key was used for a different signup.",
        detail: "The address was registered with this key but another password, name or locale. Send a new key for a new request.");

    public static IResult NotFound() => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No user with this id.");

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
