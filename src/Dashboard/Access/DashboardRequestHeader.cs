using Microsoft.AspNetCore.Authentication.Cookies;

namespace SignupEmail.Dashboard.Access;

/// <summary>
/// Guards the state-changing API calls a logged-in browser makes: they must carry
/// <c>X-Dashboard: 1</c>, which a cross-site form cannot send (on top of the SameSite=Strict cookie).
/// A call authenticated by <c>X-Admin-Key</c> needs no such header: a forged request cannot know the key.
/// </summary>
internal sealed class DashboardRequestHeader : IEndpointFilter
{
    public const string Name = "X-Dashboard";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var byCookie = http.User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme;
        if (byCookie && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && http.Request.Headers[Name] != "1")
        {
            return Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: $"The {Name} header is required.",
                detail: $"State-changing calls from a logged-in browser must send '{Name}: 1'.");
        }

        return await next(context);
    }
}
