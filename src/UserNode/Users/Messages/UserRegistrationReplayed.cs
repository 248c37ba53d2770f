namespace SignupEmail.UserNode.Users.Messages;

/// <summary>
/// The address is registered, by a request that carried the same idempotency key as this one:
/// possibly this very signup, sent again after an answer that never arrived or said 503. The caller
/// decides whether it really is the same signup (same password, name, locale; key still fresh) and
/// then answers as the first time. Nothing was persisted.
/// </summary>
/// <param name="Profile">The registered user's public profile, as first answered.</param>
/// <param name="PasswordHash">The stored salted hash, so the caller can check the retry's password.</param>
public sealed record UserRegistrationReplayed(UserProfile Profile, string PasswordHash) : IUserReply
{
    /// <summary>Never print the hash.</summary>
    public override string ToString() => $"UserRegistrationReplayed {{ Profile = {Profile} }}";
}
