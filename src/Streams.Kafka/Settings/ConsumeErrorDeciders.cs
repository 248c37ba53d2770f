using Confluent.Kafka;

namespace SignupEmail.Streams.Kafka.Settings;

/// <summary>
/// Deciders for <see cref="ConsumerSettings{TKey, TValue}.ConsumeErrorDecider"/>: which errors of
/// the consumer (thrown by a poll, or reported by librdkafka's error callback) fail the source, and
/// which are logged while librdkafka retries. Fatal errors always fail the source: the consumer
/// cannot be used any more, whatever the decider says.
/// </summary>
public static class ConsumeErrorDeciders
{
    /// <summary>
    /// The default: a record that cannot be deserialized fails the source (skipping it silently
    /// would lose it); everything else — brokers down, leaders moving, timeouts — is transient and
    /// logged while librdkafka recovers.
    /// </summary>
    public static ConsumeErrorDirective Default(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code is ErrorCode.Local_KeyDeserialization or ErrorCode.Local_ValueDeserialization
            ? ConsumeErrorDirective.Fail
            : ConsumeErrorDirective.LogAndRetry;
    }
}
