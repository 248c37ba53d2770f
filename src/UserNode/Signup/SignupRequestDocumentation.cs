using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SignupEmail.UserNode.Signup;

/// <summary>
/// Documents the signup body and the optional <c>Idempotency-Key</c> header in OpenAPI. The endpoint reads its body by hand and carries no
/// <c>Accepts</c> metadata on purpose: that metadata makes routing answer a bare 415 before the
/// handler runs, where the API promises a 415 problem naming <c>Content-Type</c>.
/// </summary>
internal sealed class SignupRequestDocumentation : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName != SignupEndpoints.RegisterUserName)
        {
            return;
        }

        var schema = await context.GetOrCreateSchemaAsync(typeof(SignupRequest), parameterDescription: null, cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/json"] = new() { Schema = schema },
            },
        };
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyKeyHeader.Name,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Optional, e.g. a UUID. A retry with the same key, password, name and locale within " +
                "UserNode:Signup:IdempotencyKeyLifetime gets the first answer again (201, Idempotent-Replayed: true) " +
                "instead of 409; the same key with another password, name or locale gets 422.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyKeyHeader.MaxLength },
        });
    }
}
