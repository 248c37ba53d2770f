using Akka.Event;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Settings;
using Error = Confluent.Kafka.Error;
using LogMessage = Confluent.Kafka.LogMessage;

namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>
/// Builds the Confluent consumer of a poll loop from <see cref="ConsumerSettings{TKey, TValue}"/>:
/// librdkafka's errors and logs go to the stage's log, its rebalance events to the loop. Confluent
/// calls all of these handlers inside Consume, so they run on the poll thread.
/// </summary>
internal static class ConsumerClientFactory
{
    /// <summary>
    /// Builds the consumer. <paramref name="onFatalError"/> hears of errors that leave the consumer
    /// unusable; <paramref name="onRevoked"/> is told whether the partitions were lost (true) rather than revoked.
    /// </summary>
    public static IConsumer<TKey, TValue> Create<TKey, TValue>(
        ConsumerSettings<TKey, TValue> settings,
        string name,
        ILoggingAdapter log,
        Action<Error> onFatalError,
        Action<List<TopicPartition>> onAssigned,
        Action<List<TopicPartition>, bool> onRevoked)
    {
        var builder = new ConsumerBuilder<TKey, TValue>(settings.ToConsumerConfig())
            .SetErrorHandler((_, error) => OnError(error, name, log, onFatalError))
            .SetLogHandler((_, message) => OnLog(message, log))
            .SetPartitionsAssignedHandler((_, partitions) => onAssigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => onRevoked(partitions.ConvertAll(p => p.TopicPartition), false))
            .SetPartitionsLostHandler((_, partitions) => onRevoked(partitions.ConvertAll(p => p.TopicPartition), true));
        if (settings.KeyDeserializer is { } keyDeserializer)
        {
            builder.SetKeyDeserializer(keyDeserializer);
        }

        if (settings.ValueDeserializer is { } valueDeserializer)
        {
            builder.SetValueDeserializer(valueDeserializer);
        }

        return builder.Build();
    }

    private static void OnError(Error error, string name, ILoggingAdapter log, Action<Error> onFatalError)
    {
        if (error.IsFatal)
        {
            onFatalError(error);
        }
        else
        {
            log.Warning("Consumer {0}: {1}", name, error);
        }
    }

    private static void OnLog(LogMessage message, ILoggingAdapter log)
    {
        if (message.Level <= SyslogLevel.Warning)
        {
            log.Warning("librdkafka {0} {1}: {2}", message.Name, message.Facility, message.Message);
        }
        else
        {
            log.Debug("librdkafka {0} {1}: {2}", message.Name, message.Facility, message.Message);
        }
    }
}
