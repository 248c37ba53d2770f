using Microsoft.AspNetCore.Mvc;

namespace SignupEmail.Dashboard.Access;

/// <summary>The problem details the access rules answer with.</summary>
internal static class DashboardProblems
{
    public static async Task WriteUnauthorizedAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Log in to the dashboard first.",
                Detail = $"Log in at {DashboardAuthentication.LoginPath}, or send the admin key in the X-Admin-Key header.",
            },
        });
    }
}
