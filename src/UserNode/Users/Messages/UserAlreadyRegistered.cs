namespace SignupEmail.UserNode.Users.Messages;

/// <summary>The address is already registered; nothing was persisted.</summary>
/// <param name="UserId">The existing user's id.</param>
public sealed record UserAlreadyRegistered(string UserId) : IUserReply;
