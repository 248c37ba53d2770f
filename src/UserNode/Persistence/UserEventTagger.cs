using System.Collections.Immutable;
using Akka.Persistence.Journal;
using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Persistence;

/// <summary>
/// Tags <see cref="UserRegistered"/> events on their way into the journal, so the journal-driven
/// publisher can select exactly the events it must publish without knowing the entity's other events.
/// </summary>
public sealed class UserEventTagger : IWriteEventAdapter
{
    /// <summary>Tag of every <see cref="UserRegistered"/> event.</summary>
    public const string UserRegisteredTag = "user-registered";

    private static readonly ImmutableHashSet<string> UserRegisteredTags = [UserRegisteredTag];

    /// <inheritdoc />
    public string Manifest(object evt) => string.Empty;

    /// <inheritdoc />
    public object ToJournal(object evt) =>
        evt is UserRegistered ? new Tagged(evt, UserRegisteredTags) : evt;
}
