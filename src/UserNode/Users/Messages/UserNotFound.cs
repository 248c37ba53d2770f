namespace SignupEmail.UserNode.Users.Messages;

/// <summary>Answer to <see cref="GetUser"/> when no user has this id.</summary>
/// <param name="UserId">The id asked for.</param>
public sealed record UserNotFound(string UserId) : IUserReply;
