namespace SignupEmail.Streams.Kafka.Settings;

/// <summary>A Kafka stage setting is missing or invalid. <see cref="Key"/> names it in full.</summary>
public sealed class KafkaSettingsException : Exception
{
    /// <summary>Creates the exception for <paramref name="key"/>.</summary>
    public KafkaSettingsException(string key, string problem, Exception? inner = null)
        : base($"Invalid Kafka setting '{key}': {problem}", inner)
    {
        Key = key;
    }

    /// <summary>The full key, e.g. <c>akka.kafka.consumer.buffer-size</c>.</summary>
    public string Key { get; }
}
