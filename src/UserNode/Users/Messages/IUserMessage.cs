namespace SignupEmail.UserNode.Users.Messages;

/// <summary>
/// Marker of every message and event of the user entity. The HOCON serialization binding targets
/// this interface, so everything that crosses nodes or lands in the journal goes through
/// <see cref="Persistence.UserMessageSerializer"/> with a stable manifest.
/// </summary>
#pragma warning disable CA1040 // A marker interface is the idiomatic way to bind an Akka serializer.
public interface IUserMessage;
#pragma warning restore CA1040
