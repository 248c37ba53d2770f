namespace SignupEmail.UserNode.Users.Messages;

/// <summary>Asks a user entity for its public profile.</summary>
/// <param name="UserId">Entity id.</param>
public sealed record GetUser(string UserId) : IWithUserId;
