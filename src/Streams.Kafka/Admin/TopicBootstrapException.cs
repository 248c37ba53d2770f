namespace SignupEmail.Streams.Kafka.Admin;

/// <summary>A desired topic exists with another shape, or could not be created. <see cref="Topic"/> names it.</summary>
public sealed class TopicBootstrapException : Exception
{
    /// <summary>Creates the exception for <paramref name="topic"/>.</summary>
    public TopicBootstrapException(string topic, string problem, Exception? inner = null)
        : base($"Topic '{topic}' {problem}", inner)
    {
        Topic = topic;
    }

    /// <summary>The topic at fault.</summary>
    public string Topic { get; }
}
