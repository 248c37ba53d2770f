namespace SignupEmail.Streams.Kafka.Messages;

/// <summary>
/// A commit could not be completed: Kafka rejected it with a non-retriable error, retriable errors
/// lasted longer than the consumer's <c>commit-timeout</c>, or the consumer was already closed.
/// </summary>
public sealed class CommitFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CommitFailedException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
