namespace SignupEmail.Streams.Kafka.Settings;

/// <summary>What a consumer source does with an error librdkafka reports (see <see cref="ConsumeErrorDeciders"/>).</summary>
public enum ConsumeErrorDirective
{
    /// <summary>
    /// Log it as a warning and keep polling: librdkafka retries by itself (reconnects, refreshes
    /// leaders). A record that could not be deserialized is skipped: it is not emitted, and the next
    /// commit of its partition moves past it.
    /// </summary>
    LogAndRetry,

    /// <summary>Fail the source and every partition sub-source with the error, and close the consumer.</summary>
    Fail,
}
