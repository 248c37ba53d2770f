using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Signup;

/// <summary>The public profile returned by <c>POST /api/users</c> (201) and <c>GET /api/users/{userId}</c>.</summary>
/// <param name="UserId">Stable id of the user.</param>
/// <param name="Email">The address as registered.</param>
/// <param name="Name">Display name.</param>
/// <param name="Locale"><c>ko</c> or <c>en</c>.</param>
/// <param name="RegisteredAt">When the registration was accepted.</param>
public sealed record UserProfileResponse(string UserId, string Email, string Name, string Locale, DateTimeOffset RegisteredAt)
{
    /// <summary>The response for a profile held by an entity.</summary>
    public static UserProfileResponse From(UserProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new(profile.UserId, profile.Email, profile.Name, profile.Locale, profile.RegisteredAt);
    }
}
