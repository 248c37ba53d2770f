using System.Globalization;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Options;
using SignupEmail.UserNode.Configuration;

namespace SignupEmail.UserNode.Admin;

/// <summary>Registers what the User node's admin routes need beyond the shared <c>/admin</c> group.</summary>
public static class AdminServiceCollectionExtensions
{
    /// <summary>Name of the request timeout policy of the admin routes.</summary>
    public const string RequestTimeoutPolicy = "admin";

    /// <summary>
    /// The request timeout policy that bounds every admin call by <c>UserNode:Admin:RequestTimeout</c>:
    /// past it the call answers 503 with <c>Retry-After</c> (needs <c>UseRequestTimeouts</c>).
    /// </summary>
    public static IServiceCollection AddUserNodeAdmin(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<UserNodeOptions>>((timeouts, node) =>
            timeouts.AddPolicy(RequestTimeoutPolicy, new RequestTimeoutPolicy
            {
                Timeout = node.Value.Admin.RequestTimeout,
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
                WriteTimeoutResponse = http => AdminProblems
                    .Unavailable(http, node.Value.Admin, $"The cluster did not answer within {Describe(node.Value.Admin)}.")
                    .ExecuteAsync(http),
            }));
        return services;
    }

    /// <summary>The timeout as messages name it: key and value.</summary>
    internal static string Describe(AdminApiOptions options) =>
        $"UserNode:Admin:RequestTimeout ({options.RequestTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s)";
}
