using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SignupEmail.UserNode.Configuration;
using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Signup;

/// <summary>Services of the signup API: password hashing, per-client rate limiting, problem details, OpenAPI.</summary>
public static class SignupServiceCollectionExtensions
{
    /// <summary>Registers what <see cref="SignupEndpoints.MapUserEndpoints"/> needs.</summary>
    public static IServiceCollection AddSignup(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddProblemDetails();
        services.AddOpenApi(openApi => openApi.AddOperationTransformer<SignupRequestDocumentation>());
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<PasswordHasherOptions>()
            .Configure<IOptions<UserNodeOptions>>((hasher, node) =>
            {
                hasher.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
                hasher.IterationCount = node.Value.Signup.PasswordHashIterations;
            });
        services.AddSingleton<IPasswordHasher<UserProfile>, PasswordHasher<UserProfile>>();

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignupEndpoints.RateLimitPolicy, http =>
            {
                var settings = http.RequestServices.GetRequiredService<IOptions<UserNodeOptions>>().Value.Signup.RateLimit;
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.PermitLimit,
                    Window = settings.Window,
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                SignupMetrics.RateLimited();
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await Results.Problem(
                        statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Too many requests from this client.",
                        detail: "Slow down and retry later.")
                    .ExecuteAsync(http);
            };
        });

        return services;
    }
}
