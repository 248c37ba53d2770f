using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SignupEmail.Shared.Hosting.Admin;

namespace SignupEmail.Dashboard.Access;

/// <summary>Signs a request in when its <c>X-Admin-Key</c> header is the configured key (compared in constant time).</summary>
internal sealed class AdminKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AdminKey key)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AdminKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(AdminKey.HeaderName, out var supplied))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!key.Matches(supplied.ToString()))
        {
            return Task.FromResult(AuthenticateResult.Fail("The admin key is not valid."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = AdminKey.HeaderName;
        return DashboardProblems.WriteUnauthorizedAsync(Context);
    }
}
