namespace SignupEmail.UserNode.Users.Messages;

/// <summary>A command addressed to one user entity; the shard message extractor routes by <see cref="UserId"/>.</summary>
public interface IWithUserId : IUserMessage
{
    /// <summary>The entity id: the user id derived from the normalized e-mail (see <see cref="UserIdentity"/>).</summary>
    string UserId { get; }
}
