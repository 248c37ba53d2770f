using System.Collections.Immutable;
using Akka.Actor;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Internal;
using Config = Akka.Configuration.Config;

namespace SignupEmail.Streams.Kafka.Settings;

/// <summary>
/// Settings of the consumer stages, read from <c>akka.kafka.consumer</c>. Immutable: every
/// <c>With…</c> returns a copy.
/// </summary>
/// <typeparam name="TKey">Record key type.</typeparam>
/// <typeparam name="TValue">Record value type.</typeparam>
public sealed record ConsumerSettings<TKey, TValue>
{
    /// <summary>The HOCON path these settings are read from.</summary>
    public const string ConfigPath = "akka.kafka.consumer";

    /// <summary>librdkafka properties (<c>kafka-clients</c>), e.g. <c>bootstrap.servers</c>, <c>group.id</c>.</summary>
    public required ImmutableDictionary<string, string> Properties { get; init; }

    /// <summary>Key deserializer; <c>null</c> uses Confluent's built-in one for <typeparamref name="TKey"/>.</summary>
    public IDeserializer<TKey>? KeyDeserializer { get; init; }

    /// <summary>Value deserializer; <c>null</c> uses Confluent's built-in one for <typeparamref name="TValue"/>.</summary>
    public IDeserializer<TValue>? ValueDeserializer { get; init; }

    /// <summary>Longest time one poll blocks the consumer's thread (<c>poll-timeout</c>).</summary>
    public required TimeSpan PollTimeout { get; init; }

    /// <summary>Records buffered per partition before the partition is paused (<c>buffer-size</c>).</summary>
    public required int BufferSize { get; init; }

    /// <summary>
    /// Bound on stopping (<c>stop-timeout</c>): after Shutdown, a failure or a cancelled source, the
    /// consumer keeps serving commits of records already emitted for at most this long, then closes.
    /// </summary>
    public required TimeSpan StopTimeout { get; init; }

    /// <summary>
    /// How long the stage waits for the consumer to close (<c>close-timeout</c>); past that (brokers
    /// unreachable) it finishes closing in the background and the control completes anyway.
    /// </summary>
    public required TimeSpan CloseTimeout { get; init; }

    /// <summary>Longest wait for one commit (<c>commit-timeout</c>).</summary>
    public required TimeSpan CommitTimeout { get; init; }

    /// <summary>Backoff before retrying a commit a rebalance rejected (<c>commit-retry-interval</c>).</summary>
    public required TimeSpan CommitRetryInterval { get; init; }

    /// <summary>Dispatcher of the partitioned source stage (<c>use-dispatcher</c>); the poll loop has a thread of its own.</summary>
    public required string DispatcherId { get; init; }

    /// <summary>What happens to a partition whose sub-source is cancelled (<c>sub-source-cancellation</c>).</summary>
    public required SubSourceCancellation SubSourceCancellation { get; init; }

    /// <summary>
    /// Which non-fatal consumer errors fail the source and which are logged while librdkafka retries;
    /// <see cref="ConsumeErrorDeciders.Default"/> unless set with <see cref="WithConsumeErrorDecider"/>.
    /// </summary>
    public Func<Error, ConsumeErrorDirective> ConsumeErrorDecider { get; init; } = ConsumeErrorDeciders.Default;

    /// <summary>
    /// Builds the Confluent consumer instead of <see cref="ConsumerBuilder{TKey, TValue}"/>: a seam for
    /// tests of the stages' logic without a broker.
    /// </summary>
    internal Func<ConsumerClientHandlers, IConsumer<TKey, TValue>>? ClientFactory { get; init; }

    private static readonly IReadOnlyDictionary<string, SubSourceCancellation> SubSourceCancellations = new Dictionary<string, SubSourceCancellation>(StringComparer.Ordinal)
    {
        ["re-emit"] = SubSourceCancellation.ReEmit,
        ["re-emit-uncommitted"] = SubSourceCancellation.ReEmitUncommitted,
        ["pause-until-rebalance"] = SubSourceCancellation.PauseUntilRebalance,
    };

    /// <summary>The consumer group (<c>group.id</c>), or <c>null</c> if not set yet.</summary>
    public string? GroupId => Properties.GetValueOrDefault("group.id");

    /// <summary>Reads the settings from <paramref name="system"/>'s configuration (with the connector's defaults underneath).</summary>
    public static ConsumerSettings<TKey, TValue> Create(ActorSystem system, IDeserializer<TKey>? keyDeserializer = null, IDeserializer<TValue>? valueDeserializer = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        KafkaDefaults.InjectInto(system);
        return Create(system.Settings.Config.GetConfig(ConfigPath), keyDeserializer, valueDeserializer);
    }

    /// <summary>Reads the settings from a config holding the keys of <c>akka.kafka.consumer</c>.</summary>
    public static ConsumerSettings<TKey, TValue> Create(Config config, IDeserializer<TKey>? keyDeserializer = null, IDeserializer<TValue>? valueDeserializer = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = new HoconSection(config.WithFallback(KafkaDefaults.Config.GetConfig(ConfigPath)), ConfigPath);
        return new ConsumerSettings<TKey, TValue>
        {
            Properties = section.KafkaClients().ToImmutableDictionary(StringComparer.Ordinal),
            KeyDeserializer = keyDeserializer,
            ValueDeserializer = valueDeserializer,
            PollTimeout = section.PositiveDuration("poll-timeout"),
            BufferSize = section.PositiveInt("buffer-size"),
            StopTimeout = section.PositiveDuration("stop-timeout"),
            CloseTimeout = section.PositiveDuration("close-timeout"),
            CommitTimeout = section.PositiveDuration("commit-timeout"),
            CommitRetryInterval = section.PositiveDuration("commit-retry-interval"),
            DispatcherId = section.NonEmptyString("use-dispatcher"),
            SubSourceCancellation = section.OneOf("sub-source-cancellation", SubSourceCancellations),
        };
    }

    /// <summary>Sets <c>bootstrap.servers</c>.</summary>
    public ConsumerSettings<TKey, TValue> WithBootstrapServers(string bootstrapServers) => WithProperty("bootstrap.servers", bootstrapServers);

    /// <summary>Sets <c>group.id</c>.</summary>
    public ConsumerSettings<TKey, TValue> WithGroupId(string groupId) => WithProperty("group.id", groupId);

    /// <summary>Sets any librdkafka property.</summary>
    public ConsumerSettings<TKey, TValue> WithProperty(string key, string value) => this with { Properties = Properties.SetItem(key, value) };

    /// <summary>Sets <see cref="BufferSize"/>.</summary>
    public ConsumerSettings<TKey, TValue> WithBufferSize(int bufferSize) =>
        this with { BufferSize = bufferSize > 0 ? bufferSize : throw new KafkaSettingsException($"{ConfigPath}.buffer-size", "must be a positive integer") };

    /// <summary>Sets <see cref="PollTimeout"/>.</summary>
    public ConsumerSettings<TKey, TValue> WithPollTimeout(TimeSpan pollTimeout) => this with { PollTimeout = pollTimeout };

    /// <summary>Sets <see cref="CloseTimeout"/>.</summary>
    public ConsumerSettings<TKey, TValue> WithCloseTimeout(TimeSpan closeTimeout) => this with { CloseTimeout = closeTimeout };

    /// <summary>Sets <see cref="StopTimeout"/>.</summary>
    public ConsumerSettings<TKey, TValue> WithStopTimeout(TimeSpan stopTimeout) => this with { StopTimeout = stopTimeout };

    /// <summary>Sets <see cref="SubSourceCancellation"/>.</summary>
    public ConsumerSettings<TKey, TValue> WithSubSourceCancellation(SubSourceCancellation strategy) => this with { SubSourceCancellation = strategy };

    /// <summary>Sets <see cref="ConsumeErrorDecider"/>.</summary>
    public ConsumerSettings<TKey, TValue> WithConsumeErrorDecider(Func<Error, ConsumeErrorDirective> decider) =>
        this with { ConsumeErrorDecider = decider ?? throw new ArgumentNullException(nameof(decider)) };

    /// <summary>Sets the key deserializer.</summary>
    public ConsumerSettings<TKey, TValue> WithKeyDeserializer(IDeserializer<TKey> deserializer) => this with { KeyDeserializer = deserializer };

    /// <summary>Sets the value deserializer.</summary>
    public ConsumerSettings<TKey, TValue> WithValueDeserializer(IDeserializer<TValue> deserializer) => this with { ValueDeserializer = deserializer };

    /// <summary>The librdkafka configuration for a Confluent consumer.</summary>
    public ConsumerConfig ToConsumerConfig() => new(Properties.ToDictionary(StringComparer.Ordinal));
}
