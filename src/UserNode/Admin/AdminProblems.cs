using SignupEmail.Shared.Hosting.Admin;
using SignupEmail.UserNode.Configuration;

namespace SignupEmail.UserNode.Admin;

/// <summary>The RFC 7807 problem responses of the User node's admin routes.</summary>
internal static class AdminProblems
{
    /// <summary>400 naming the body field at fault.</summary>
    public static IResult Invalid(string field, string problem) => AdminFieldProblem.Create(field, problem);

    /// <summary>404: the address is well formed but no member of the cluster has it.</summary>
    public static IResult NotAMember(string address) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No cluster member has this address.",
        detail: $"'{address}' is not a member of the cluster as this node sees it (GET /admin/cluster lists them).");

    /// <summary>409: downing the node that answers would end it; only an explicit <c>force</c> does that.</summary>
    public static IResult DownOfSelf(string address) => Results.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "This node would down itself.",
        detail: $"'{address}' is the node answering this request. Send \"force\": true to down it anyway, or ask another member.");

    /// <summary>503 with <c>Retry-After</c> (one request timeout): the cluster did not answer in time.</summary>
    public static IResult Unavailable(HttpContext http, AdminApiOptions options, string detail)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        return AdminUnavailableProblem.Create(
            http, options.RequestTimeout, "The cluster cannot answer right now.", detail + " Retry after the time given in Retry-After.");
    }
}
