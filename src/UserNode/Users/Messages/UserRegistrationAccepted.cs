namespace SignupEmail.UserNode.Users.Messages;

/// <summary>The registration was persisted.</summary>
/// <param name="Profile">The new user's public profile.</param>
public sealed record UserRegistrationAccepted(UserProfile Profile) : IUserReply;
