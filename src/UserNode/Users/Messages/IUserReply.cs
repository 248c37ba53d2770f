namespace SignupEmail.UserNode.Users.Messages;

/// <summary>Every answer a user entity gives; callers switch over the sealed implementations.</summary>
#pragma warning disable CA1040 // Closed family of reply records.
public interface IUserReply : IUserMessage;
#pragma warning restore CA1040
