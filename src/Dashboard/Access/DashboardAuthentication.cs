using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SignupEmail.Shared.Hosting.Admin;

namespace SignupEmail.Dashboard.Access;

/// <summary>
/// Who may use the dashboard: a browser that logged in with the admin key (a cookie), or a script
/// that sends the key in <c>X-Admin-Key</c> on every call.
/// </summary>
public static class DashboardAuthentication
{
    /// <summary>The scheme that picks the cookie or the header per request.</summary>
    public const string Scheme = "Dashboard";

    /// <summary>Where a browser without a login is sent.</summary>
    public const string LoginPath = "/login";

    /// <summary>Prefix of the JSON API: without a login it answers 401, never a redirect.</summary>
    public const string ApiPrefix = "/api";

    /// <summary>Registers the cookie, the header scheme and the policy scheme that chooses between them.</summary>
    public static IServiceCollection AddDashboardAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or X-Admin-Key", policy =>
                policy.ForwardDefaultSelector = context => context.Request.Headers.ContainsKey(AdminKey.HeaderName)
                    ? AdminKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, AdminKeyAuthenticationHandler>(AdminKeyAuthenticationHandler.SchemeName, configureOptions: null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
            {
                cookie.Cookie.Name = "signupemail-dashboard";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = LoginPath;
                cookie.SlidingExpiration = true;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.Events.OnRedirectToLogin = context => IsApi(context.Request)
                    ? DashboardProblems.WriteUnauthorizedAsync(context.HttpContext)
                    : RedirectAsync(context);
                cookie.Events.OnRedirectToAccessDenied = context => DashboardProblems.WriteUnauthorizedAsync(context.HttpContext);
            });
        services.AddAuthorization();
        return services;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments(ApiPrefix, StringComparison.Ordinal);

    private static Task RedirectAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
