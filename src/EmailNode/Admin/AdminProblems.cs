using System.Globalization;
using SignupEmail.Shared.Hosting.Admin;

namespace SignupEmail.EmailNode.Admin;

/// <summary>The RFC 7807 problem responses of the admin API.</summary>
internal static class AdminProblems
{
    /// <summary>400 naming the query or body field at fault.</summary>
    public static IResult Invalid(string field, string problem) => AdminFieldProblem.Create(field, problem);

    /// <summary>503 with <c>Retry-After</c>: Kafka did not answer, or not within the admin request timeout.</summary>
    public static IResult KafkaUnavailable(HttpContext http, AdminOptions options, string detail)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        return AdminUnavailableProblem.Create(http, options.RequestTimeout, "Kafka cannot be reached right now.", detail);
    }

    /// <summary>What a 503 says when the call ran out of time (Email:Admin:RequestTimeout).</summary>
    public static string TimedOut(AdminOptions options) =>
        $"Kafka did not answer within Email:Admin:RequestTimeout ({options.RequestTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s). " +
        "Retry after the time given in Retry-After; a replay is safe to repeat.";
}
