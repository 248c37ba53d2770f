using Akka.Event;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Diagnostics;
using SignupEmail.Streams.Kafka.Settings;
using LogMessage = Confluent.Kafka.LogMessage;

namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>
/// Builds the Confluent consumer of a poll loop from <see cref="ConsumerSettings{TKey, TValue}"/>:
/// librdkafka's logs go to the stage's log, its errors and rebalance events to the loop, its
/// statistics to the lag gauge (<see cref="ConsumerLagStatistics"/>). Confluent
/// calls all of these handlers inside Consume, so they run on the poll thread.
/// </summary>
internal static class ConsumerClientFactory
{
    /// <summary>Builds the consumer (with <see cref="ConsumerSettings{TKey, TValue}.ClientFactory"/> when a test set one).</summary>
    public static IConsumer<TKey, TValue> Create<TKey, TValue>(ConsumerSettings<TKey, TValue> settings, ILoggingAdapter log, ConsumerClientHandlers handlers)
    {
        if (settings.ClientFactory is { } factory)
        {
            return factory(handlers);
        }

        var builder = new ConsumerBuilder<TKey, TValue>(settings.ToConsumerConfig())
            .SetErrorHandler((_, error) => handlers.OnError(error))
            .SetLogHandler((_, message) => OnLog(message, log))
            .SetPartitionsAssignedHandler((_, partitions) => handlers.OnAssigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => handlers.OnRevoked(partitions.ConvertAll(p => p.TopicPartition), false))
            .SetPartitionsLostHandler((_, partitions) => handlers.OnRevoked(partitions.ConvertAll(p => p.TopicPartition), true))
            .SetStatisticsHandler((consumer, json) => ConsumerLagStatistics.Record(consumer.Name, settings.GroupId, ConsumerLagStatistics.IntervalOf(settings.Properties), json));
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
