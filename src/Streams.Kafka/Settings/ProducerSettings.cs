using System.Collections.Immutable;
using Akka.Actor;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Internal;
using Config = Akka.Configuration.Config;

namespace SignupEmail.Streams.Kafka.Settings;

/// <summary>
/// Settings of the producer stages, read from <c>akka.kafka.producer</c>. Immutable: every
/// <c>With…</c> returns a copy.
/// </summary>
/// <typeparam name="TKey">Record key type.</typeparam>
/// <typeparam name="TValue">Record value type.</typeparam>
public sealed record ProducerSettings<TKey, TValue>
{
    /// <summary>The HOCON path these settings are read from.</summary>
    public const string ConfigPath = "akka.kafka.producer";

    /// <summary>librdkafka properties (<c>kafka-clients</c>), e.g. <c>bootstrap.servers</c>, <c>acks</c>.</summary>
    public required ImmutableDictionary<string, string> Properties { get; init; }

    /// <summary>Key serializer; <c>null</c> uses Confluent's built-in one for <typeparamref name="TKey"/>.</summary>
    public ISerializer<TKey>? KeySerializer { get; init; }

    /// <summary>Value serializer; <c>null</c> uses Confluent's built-in one for <typeparamref name="TValue"/>.</summary>
    public ISerializer<TValue>? ValueSerializer { get; init; }

    /// <summary>Most records awaiting a delivery report at once, per stage (<c>parallelism</c>).</summary>
    public required int Parallelism { get; init; }

    /// <summary>How long the final flush on completion may take (<c>flush-timeout</c>).</summary>
    public required TimeSpan FlushTimeout { get; init; }

    /// <summary>How long disposing the producer may take (<c>close-timeout</c>).</summary>
    public required TimeSpan CloseTimeout { get; init; }

    /// <summary>Pause before re-offering a record to a full local queue (<c>queue-full-retry-interval</c>).</summary>
    public required TimeSpan QueueFullRetryInterval { get; init; }

    /// <summary>Dispatcher of the stage (<c>use-dispatcher</c>).</summary>
    public required string DispatcherId { get; init; }

    /// <summary>Reads the settings from <paramref name="system"/>'s configuration (with the connector's defaults underneath).</summary>
    public static ProducerSettings<TKey, TValue> Create(ActorSystem system, ISerializer<TKey>? keySerializer = null, ISerializer<TValue>? valueSerializer = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        KafkaDefaults.InjectInto(system);
        return Create(system.Settings.Config.GetConfig(ConfigPath), keySerializer, valueSerializer);
    }

    /// <summary>Reads the settings from a config holding the keys of <c>akka.kafka.producer</c>.</summary>
    public static ProducerSettings<TKey, TValue> Create(Config config, ISerializer<TKey>? keySerializer = null, ISerializer<TValue>? valueSerializer = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = new HoconSection(config.WithFallback(KafkaDefaults.Config.GetConfig(ConfigPath)), ConfigPath);
        return new ProducerSettings<TKey, TValue>
        {
            Properties = section.KafkaClients().ToImmutableDictionary(StringComparer.Ordinal),
            KeySerializer = keySerializer,
            ValueSerializer = valueSerializer,
            Parallelism = section.PositiveInt("parallelism"),
            FlushTimeout = section.PositiveDuration("flush-timeout"),
            CloseTimeout = section.PositiveDuration("close-timeout"),
            QueueFullRetryInterval = section.PositiveDuration("queue-full-retry-interval"),
            DispatcherId = section.NonEmptyString("use-dispatcher"),
        };
    }

    /// <summary>Sets <c>bootstrap.servers</c>.</summary>
    public ProducerSettings<TKey, TValue> WithBootstrapServers(string bootstrapServers) => WithProperty("bootstrap.servers", bootstrapServers);

    /// <summary>Sets any librdkafka property.</summary>
    public ProducerSettings<TKey, TValue> WithProperty(string key, string value) => this with { Properties = Properties.SetItem(key, value) };

    /// <summary>Sets <see cref="Parallelism"/>.</summary>
    public ProducerSettings<TKey, TValue> WithParallelism(int parallelism) =>
        this with { Parallelism = parallelism > 0 ? parallelism : throw new KafkaSettingsException($"{ConfigPath}.parallelism", "must be a positive integer") };

    /// <summary>Sets <see cref="FlushTimeout"/>.</summary>
    public ProducerSettings<TKey, TValue> WithFlushTimeout(TimeSpan timeout) => this with { FlushTimeout = timeout };

    /// <summary>Sets the key serializer.</summary>
    public ProducerSettings<TKey, TValue> WithKeySerializer(ISerializer<TKey> serializer) => this with { KeySerializer = serializer };

    /// <summary>Sets the value serializer.</summary>
    public ProducerSettings<TKey, TValue> WithValueSerializer(ISerializer<TValue> serializer) => this with { ValueSerializer = serializer };

    /// <summary>The librdkafka configuration for a Confluent producer.</summary>
    public ProducerConfig ToProducerConfig() => new(Properties.ToDictionary(StringComparer.Ordinal));
}
