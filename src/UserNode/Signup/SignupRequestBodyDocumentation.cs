using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SignupEmail.UserNode.Signup;

/// <summary>
/// Documents the signup body in OpenAPI. The endpoint reads its body by hand and carries no
/// <c>Accepts</c> metadata on purpose: that metadata makes routing answer a bare 415 before the
/// handler runs, where the API promises a 400 problem naming <c>Content-Type</c>.
/// </summary>
internal sealed class SignupRequestBodyDocumentation : IOpenApiOperationTransformer
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
    }
}
