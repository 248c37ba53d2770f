using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Signup;

/// <summary>The profile returned by <c>POST /api/users</c> (201).</summary>
/// <param name="UserId">Stable id of the user.</param>
/// <param name="EventId">
/// Id of the registration event: the welcome e-mail's <c>Message-ID</c> and, with the pickup-folder
/// delivery, its file name (<c>{eventId}.eml</c>). <c>null</c> only for a replayed answer about a user
/// restored from a snapshot that predates the field.
/// </param>
/// <param name="Email">The address as registered, in canonical form (domain as a lower-case IDNA A-label).</param>
/// <param name="Name">Display name.</param>
/// <param name="Locale"><c>ko</c> or <c>en</c>.</param>
/// <param name="RegisteredAt">When the registration was accepted.</param>
public sealed record UserProfileResponse(string UserId, Guid? EventId, string Email, string Name, string Locale, DateTimeOffset RegisteredAt)
{
    /// <summary>The response for a profile held by an entity.</summary>
    public static UserProfileResponse From(UserProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new(profile.UserId, profile.EventId, profile.Email, profile.Name, profile.Locale, profile.RegisteredAt);
    }
}
