using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SignupEmail.Shared.Hosting.Admin;

namespace SignupEmail.Dashboard.Access;

/// <summary><c>GET/POST /login</c> and <c>POST /logout</c>: the admin key in exchange for a session cookie.</summary>
internal static class LoginEndpoints
{
    public static IEndpointRouteBuilder MapLogin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DashboardAuthentication.LoginPath, () => LoginPage.Result(error: null, StatusCodes.Status200OK))
            .AllowAnonymous();
        endpoints.MapPost(DashboardAuthentication.LoginPath, async (HttpContext context, AdminKey key) =>
        {
            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
            if (!key.Matches(form?["key"].ToString()))
            {
                return LoginPage.Result("That is not the admin key.", StatusCodes.Status401Unauthorized);
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.Redirect("/");
        }).AllowAnonymous().DisableAntiforgery();
        endpoints.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(DashboardAuthentication.LoginPath);
        }).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }
}
