using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SignupEmail.EmailNode.Admin;

/// <summary>
/// Lets a request through only with the configured key in <c>X-Admin-Key</c>: 401 without the
/// header, 403 with a wrong key or when no key is configured. Compared in constant time.
/// </summary>
/// <param name="options">The configured key.</param>
public sealed class AdminKeyFilter(IOptions<AdminOptions> options) : IEndpointFilter
{
    /// <summary>The request header that carries the key.</summary>
    public const string HeaderName = "X-Admin-Key";

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var supplied = context.HttpContext.Request.Headers[HeaderName].ToString();
        if (supplied.Length == 0)
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = HeaderName;
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: $"The {HeaderName} header is required.");
        }

        var expected = options.Value.ApiKey;
        if (expected.Length == 0
            || !CryptographicOperations.FixedTimeEquals(
                SHA256.HashData(Encoding.UTF8.GetBytes(supplied)), SHA256.HashData(Encoding.UTF8.GetBytes(expected))))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The admin key is not valid.");
        }

        return await next(context);
    }
}
