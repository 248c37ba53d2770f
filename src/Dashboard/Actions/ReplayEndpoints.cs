using System.Text.Json.Nodes;
using SignupEmail.Shared.Hosting.Admin;

namespace SignupEmail.Dashboard.Actions;

/// <summary>
/// <c>POST /api/dead-letters/replay</c>: the dead-letter panel's replay button, forwarded to the first
/// Email node's <c>/admin/dead-letters/replay</c>; its answer (including a 400 naming the field) comes back as it is.
/// Not an experiment: allowed in read-only mode too, with a login.
/// </summary>
internal static class ReplayEndpoints
{
    public static RouteGroupBuilder MapReplay(this RouteGroupBuilder api)
    {
        api.MapPost("/dead-letters/replay", async (HttpRequest request, EmailNodeCommands email) =>
        {
            var (body, problem) = await AdminRequestBody.ReadAsync<JsonObject>(request, request.HttpContext.RequestAborted);
            if (problem is not null)
            {
                return problem;
            }

            if (body is null)
            {
                return AdminFieldProblem.Create("body", "must be a JSON object: { \"partition\": p, \"fromOffset\": o, \"toOffset\": o } or { \"all\": true }.");
            }

            try
            {
                var (status, contentType, answer) = await email.ReplayAsync(body.ToJsonString(), request.HttpContext.RequestAborted);
                return Results.Content(answer, contentType, statusCode: status);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !request.HttpContext.RequestAborted.IsCancellationRequested)
            {
                return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The Email node did not answer.", detail: ex.Message);
            }
        });
        return api;
    }
}
