using SignupEmail.Shared.Contracts;
namespace SignupEmail.UserNode.Users.Messages;

/// <summary>The public part of a registered user: what the API may show.</summary>
/// <param name="UserId">Stable id derived from the normalized e-mail.</param>
/// <param name="Email">The address as registered.</param>
/// <param name="Name">Display name.</param>
/// <param name="Locale"><c>ko</c> or <c>en</c>.</param>
/// <param name="RegisteredAt">When the registration was accepted.</param>
/// <param name="EventId">
/// Id of the registration event: the <c>user.signed-up</c> record's <c>ce_id</c> and the name of the
/// welcome e-mail's <c>.eml</c> file. <c>null</c> only in snapshots taken before it was kept.
/// </param>
public sealed record UserProfile(string UserId, string Email, string Name, string Locale, DateTimeOffset RegisteredAt, Guid? EventId = null)
{
    /// <summary>Keeps the address out of log lines that print the record.</summary>
    public override string ToString() =>
        $"UserProfile {{ UserId = {UserId}, Email = {EmailAddress.Mask(Email)}, Locale = {Locale} }}";
}
