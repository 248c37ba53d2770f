using Akka.Actor;
using Microsoft.Extensions.Options;
using SignupEmail.UserNode.Configuration;

namespace SignupEmail.UserNode.Admin;

/// <summary>
/// Turns an ask that ran out of <c>UserNode:Admin:RequestTimeout</c> into 503 with <c>Retry-After</c>
/// instead of a 500: the actor asked (the publisher singleton, the shard coordinator) may sit on a node
/// that is unreachable, moving, or not there yet. When the request timeout itself fires first, its
/// policy answers the same way (see <see cref="AdminServiceCollectionExtensions"/>).
/// </summary>
/// <param name="options">The request timeout, for the message and <c>Retry-After</c>.</param>
public sealed class ClusterUnavailableFilter(IOptions<UserNodeOptions> options) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (AskTimeoutException)
        {
            var admin = options.Value.Admin;
            return AdminProblems.Unavailable(
                context.HttpContext, admin, $"The actor asked did not answer within {AdminServiceCollectionExtensions.Describe(admin)}.");
        }
    }
}
