namespace SignupEmail.UserNode.Publishing;

/// <summary>The publisher failed and restarts with backoff from its stored offset.</summary>
public sealed class JournalPublisherException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JournalPublisherException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public JournalPublisherException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public JournalPublisherException(string message, Exception innerException)
        : base($"Journal publisher: {message} failed: {innerException?.Message}", innerException)
    {
    }
}
