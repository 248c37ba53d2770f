namespace SignupEmail.UserNode.Users.Messages;

/// <summary>An event of the user entity, stored in the journal.</summary>
public interface IUserEvent : IUserMessage
{
    /// <summary>Unique per event; consumers of the published record deduplicate by it.</summary>
    Guid EventId { get; }
}
