namespace SignupEmail.UserNode.Users.Messages;

/// <summary>
/// The entity could not serve the command (its recovery or its write failed); the caller should
/// retry later. Sent instead of leaving an Ask to time out.
/// </summary>
/// <param name="UserId">The entity that failed.</param>
/// <param name="Reason">Short, log-safe reason (never contains personal data).</param>
public sealed record UserUnavailable(string UserId, string Reason) : IUserReply;
