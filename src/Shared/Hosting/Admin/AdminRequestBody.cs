using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SignupEmail.Shared.Hosting.Admin;

/// <summary>
/// Reads an admin request's JSON body by hand rather than by model binding: binding would read it
/// before the key filter runs, and would answer bad JSON with a problem that names no field.
/// </summary>
public static class AdminRequestBody
{
    /// <summary>The body, <c>null</c> when there is none, or the problem to answer with.</summary>
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return request.ContentLength is null or 0 && request.ContentType is null
                ? (null, null)
                : (null, Results.Problem(
                    statusCode: StatusCodes.Status415UnsupportedMediaType,
                    title: "The admin request has an unsupported content type.",
                    detail: "Content-Type must be application/json."));
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (null, AdminFieldProblem.Create("body", "is not valid JSON."));
        }

        using (document)
        {
            var options = request.HttpContext.RequestServices.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions ?? JsonSerializerOptions.Web;
            try
            {
                return (document.Deserialize<T>(options), null);
            }
            catch (JsonException e)
            {
                // Well-formed JSON, so the path names the field whose value had the wrong type ("$.force").
                return e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal)
                    ? (null, AdminFieldProblem.Create(path[2..], "has a value of the wrong JSON type."))
                    : (null, AdminFieldProblem.Create("body", "must be a JSON object."));
            }
        }
    }
}
