namespace SignupEmail.UserNode.Users.Messages;

/// <summary>Answer to <see cref="GetUser"/> for a registered user.</summary>
/// <param name="Profile">The public profile.</param>
public sealed record UserFound(UserProfile Profile) : IUserReply;
