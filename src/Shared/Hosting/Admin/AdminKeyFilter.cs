using Microsoft.AspNetCore.Http;

namespace SignupEmail.Shared.Hosting.Admin;

/// <summary>
/// Guards a node's <c>/admin</c> routes with the <see cref="AdminKey"/>: 404 when the admin API is
/// off (no key configured), 401 problem details when the header is missing or wrong.
/// </summary>
/// <param name="key">The configured key.</param>
public sealed class AdminKeyFilter(AdminKey key) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!key.IsEnabled)
        {
            // Off means absent: a scanner learns nothing from a 401 it cannot pass anyway.
            return Results.NotFound();
        }

        var supplied = context.HttpContext.Request.Headers[AdminKey.HeaderName].ToString();
        if (!key.Matches(supplied))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = AdminKey.HeaderName;
            return Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: supplied.Length == 0 ? $"The {AdminKey.HeaderName} header is required." : "The admin key is not valid.");
        }

        return await next(context);
    }
}
