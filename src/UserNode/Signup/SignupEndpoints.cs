using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SignupEmail.Shared.Contracts;
using SignupEmail.UserNode.Configuration;
using SignupEmail.UserNode.Users;
using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Signup;

/// <summary>
/// <c>POST /api/users</c>. There is deliberately no <c>GET /api/users/{userId}</c>: the id is derived
/// from the address, so anyone who knows an address could read that user's name and learn that the
/// address is registered.
/// </summary>
public static class SignupEndpoints
{
    /// <summary>Rate-limiter policy of the user API.</summary>
    public const string RateLimitPolicy = "per-client";

    /// <summary>Endpoint name of <c>POST /api/users</c>.</summary>
    public const string RegisterUserName = "RegisterUser";

    /// <summary>Maps the user API.</summary>
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var users = endpoints.MapGroup("/api/users").WithTags("Users").RequireRateLimiting(RateLimitPolicy);

        users.MapPost("/", RegisterAsync)
            .WithName(RegisterUserName)
            .WithSummary("Sign up a user.")
            .Produces<UserProfileResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return endpoints;
    }

    private static async Task<IResult> RegisterAsync(
        HttpContext http,
        IRequiredActor<UserRegion> region,
        IPasswordHasher<UserProfile> hasher,
        IOptions<UserNodeOptions> options,
        TimeProvider clock,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (fields, typeErrors, problem) = await SignupBodyReader.ReadAsync(http.Request, cancellationToken);
        if (problem is not null || fields is null)
        {
            SignupMetrics.Invalid();
            return problem ?? SignupProblems.Invalid("body", "is required.");
        }

        var (signup, errors) = SignupValidator.Validate(fields, http.Request.GetTypedHeaders().AcceptLanguage);
        var (idempotencyKey, keyProblem) = IdempotencyKeyHeader.Read(http.Request);
        if (signup is null || typeErrors.Count > 0 || keyProblem is not null)
        {
            foreach (var (field, problems) in typeErrors)
            {
                errors[field] = problems; // "must be a string" says more than "is required"
            }

            if (keyProblem is not null)
            {
                errors[IdempotencyKeyHeader.Name] = [keyProblem];
            }

            SignupMetrics.Invalid();
            return SignupProblems.Invalid(errors);
        }

        var userId = UserIdentity.FromNormalizedEmail(signup.NormalizedEmail);

        // ~52 ms of CPU at the default cost: done here, on the request's thread-pool thread, never
        // inside the entity, which would hold up every other message of that user and its shard.
        var passwordHash = hasher.HashPassword(null!, signup.Password);

        var command = new RegisterUser(
            userId,
            signup.Email,
            signup.NormalizedEmail,
            signup.Name,
            signup.Locale,
            passwordHash,
            Guid.CreateVersion7(),
            clock.GetUtcNow(),
            Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null,
            idempotencyKey);

        var log = loggers.CreateLogger(typeof(SignupEndpoints).FullName!);
        var maskedEmail = EmailAddress.Mask(signup.Email);
        var settings = options.Value.Signup;
        var reply = await AskAsync(region, command, settings.AskTimeout, cancellationToken);
        switch (reply)
        {
            case UserRegistrationAccepted accepted:
                SignupMetrics.Created();

                // No Location: the user is not a resource anyone may read back (see the class remarks).
                return Results.Created((string?)null, UserProfileResponse.From(accepted.Profile));
            case UserAlreadyRegistered:
                SignupLog.AlreadyRegistered(log, maskedEmail);
                SignupMetrics.Conflict();
                return SignupProblems.AlreadyRegistered();
            case UserRegistrationReplayed replayed:
                return SignupReplay.Answer(http, replayed, signup, hasher, clock.GetUtcNow() - replayed.Profile.RegisteredAt, settings.IdempotencyKeyLifetime, log);
            case UserUnavailable unavailable:
                SignupLog.EntityUnavailable(log, maskedEmail, unavailable.Reason);
                SignupMetrics.Unavailable();
                return SignupProblems.Unavailable(http, settings.RetryAfterSeconds);
            case null:
                SignupLog.TimedOut(log, maskedEmail, settings.AskTimeout);
                SignupMetrics.Unavailable();
                return SignupProblems.Unavailable(http, settings.RetryAfterSeconds);
            default:
                throw new InvalidOperationException($"Unexpected reply {reply.GetType().Name} to {nameof(RegisterUser)}.");
        }
    }

    /// <summary>The entity's reply, or <c>null</c> if none came within <paramref name="timeout"/>.</summary>
    private static async Task<IUserReply?> AskAsync(
        IRequiredActor<UserRegion> region, IWithUserId command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var actor = await region.GetAsync(cancellationToken);
            return await actor.Ask<IUserReply>(command, timeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
