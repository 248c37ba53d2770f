using System.Text.RegularExpressions;
using Akka.Event;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Settings;

namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>
/// Builds the Confluent producer of a stage from <see cref="ProducerSettings{TKey, TValue}"/>, turning
/// librdkafka's complaints about the configuration into <see cref="KafkaSettingsException"/>s that name the key.
/// </summary>
internal static partial class ProducerClientFactory
{
    private const string ClientsPath = ProducerSettings<object, object>.ConfigPath + ".kafka-clients";

    public static IProducer<TKey, TValue> Create<TKey, TValue>(ProducerSettings<TKey, TValue> settings, ILoggingAdapter log)
    {
        // librdkafka only warns about this and then never connects: a stream that hangs forever.
        if (!settings.Properties.ContainsKey("bootstrap.servers") && !settings.Properties.ContainsKey("metadata.broker.list"))
        {
            throw new KafkaSettingsException($"{ClientsPath}.bootstrap.servers", "is required (set it under kafka-clients or with WithBootstrapServers)");
        }

        var builder = new ProducerBuilder<TKey, TValue>(settings.ToProducerConfig())
            .SetErrorHandler((_, error) =>
            {
                // Transport errors are retried by librdkafka; records that finally fail arrive as delivery reports.
                if (error.IsFatal)
                {
                    log.Error("Kafka producer fatal error {Code}: {Reason}", error.Code, error.Reason);
                }
                else
                {
                    log.Warning("Kafka producer error {Code}: {Reason}", error.Code, error.Reason);
                }
            });
        if (settings.KeySerializer is { } keySerializer)
        {
            builder.SetKeySerializer(keySerializer);
        }

        if (settings.ValueSerializer is { } valueSerializer)
        {
            builder.SetValueSerializer(valueSerializer);
        }

        try
        {
            return builder.Build();
        }
        catch (Exception e) when (e is ArgumentException or KafkaException or InvalidOperationException && PropertyName().IsMatch(e.Message))
        {
            var property = PropertyName().Match(e.Message);
            var key = property.Success ? $"{ClientsPath}.{ConfiguredKey(settings, property.Groups["name"].Value)}" : ClientsPath;
            throw new KafkaSettingsException(key, $"rejected by librdkafka: {e.Message}", e);
        }
    }

    // librdkafka reports some properties under their canonical name (acks → request.required.acks):
    // name the key as the user wrote it.
    private static string ConfiguredKey<TKey, TValue>(ProducerSettings<TKey, TValue> settings, string reported) =>
        settings.Properties.ContainsKey(reported)
            ? reported
            : settings.Properties.Keys.FirstOrDefault(k => reported.EndsWith("." + k, StringComparison.Ordinal) || k.EndsWith("." + reported, StringComparison.Ordinal))
              ?? reported;

    // librdkafka: 'No such configuration property: "x"' and 'Invalid value "v" for configuration property "x"'.
    [GeneratedRegex("configuration property:? \"(?<name>[^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex PropertyName();
}
