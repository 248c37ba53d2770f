namespace SignupEmail.UserNode.Publishing;

/// <summary>Registry key of the publisher singleton's proxy: inject <c>IRequiredActor&lt;JournalPublisherSingleton&gt;</c>.</summary>
public sealed class JournalPublisherSingleton;
