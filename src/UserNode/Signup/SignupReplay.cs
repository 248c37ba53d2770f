using Microsoft.AspNetCore.Identity;
using SignupEmail.Shared.Contracts;
using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Signup;

/// <summary>
/// The answer to a signup whose <c>Idempotency-Key</c> matches the one the address was registered
/// with: the first answer again if it is the same signup, sent within the key's lifetime.
/// </summary>
internal static class SignupReplay
{
    /// <summary>Response header that tells a client the answer is a replay, not a new registration.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static IResult Answer(
        HttpContext http,
        UserRegistrationReplayed replayed,
        ValidSignup signup,
        IPasswordHasher<UserProfile> hasher,
        TimeSpan sinceRegistration,
        TimeSpan keyLifetime,
        ILogger log)
    {
        var maskedEmail = EmailAddress.Mask(signup.Email);
        if (sinceRegistration > keyLifetime)
        {
            SignupLog.AlreadyRegistered(log, maskedEmail);
            SignupMetrics.Conflict();
            return SignupProblems.AlreadyRegistered();
        }

        // The key alone proves nothing: only the password makes the retry the same signup, and it is
        // checked only when the key matched, so this path cannot be used to guess passwords.
        var profile = replayed.Profile;
        var sameSignup = string.Equals(profile.Name, signup.Name, StringComparison.Ordinal)
            && string.Equals(profile.Locale, signup.Locale, StringComparison.Ordinal)
            && hasher.VerifyHashedPassword(null!, replayed.PasswordHash, signup.Password) != PasswordVerificationResult.Failed;
        if (!sameSignup)
        {
            SignupLog.IdempotencyKeyReused(log, maskedEmail);
            SignupMetrics.Invalid();
            return SignupProblems.IdempotencyKeyReused();
        }

        SignupLog.Replayed(log, maskedEmail);
        SignupMetrics.Replayed();
        http.Response.Headers[ReplayedHeader] = "true";
        return Results.Created((string?)null, UserProfileResponse.From(profile));
    }
}
