using Akka.Actor;
using Akka.Configuration;
using SignupEmail.Streams.Kafka.Internal;

namespace SignupEmail.Streams.Kafka.Settings;

/// <summary>Settings of the batching committer, read from <c>akka.kafka.committer</c>.</summary>
public sealed record CommitterSettings
{
    /// <summary>The HOCON path these settings are read from.</summary>
    public const string ConfigPath = "akka.kafka.committer";

    /// <summary>Offsets per commit batch at most (<c>max-batch</c>).</summary>
    public required int MaxBatch { get; init; }

    /// <summary>Longest time a batch collects before it is committed (<c>max-interval</c>).</summary>
    public required TimeSpan MaxInterval { get; init; }

    /// <summary>Commit batches in flight at once (<c>parallelism</c>).</summary>
    public required int Parallelism { get; init; }

    /// <summary>Reads the settings from <paramref name="system"/>'s configuration (with the connector's defaults underneath).</summary>
    public static CommitterSettings Create(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        KafkaDefaults.InjectInto(system);
        return Create(system.Settings.Config.GetConfig(ConfigPath));
    }

    /// <summary>Reads the settings from a config holding the keys of <c>akka.kafka.committer</c>.</summary>
    public static CommitterSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = new HoconSection(config.WithFallback(KafkaDefaults.Config.GetConfig(ConfigPath)), ConfigPath);
        return new CommitterSettings
        {
            MaxBatch = section.PositiveInt("max-batch"),
            MaxInterval = section.PositiveDuration("max-interval"),
            Parallelism = section.PositiveInt("parallelism"),
        };
    }

    /// <summary>Sets <see cref="MaxBatch"/>.</summary>
    public CommitterSettings WithMaxBatch(int maxBatch) =>
        this with { MaxBatch = maxBatch > 0 ? maxBatch : throw new KafkaSettingsException($"{ConfigPath}.max-batch", "must be a positive integer") };

    /// <summary>Sets <see cref="MaxInterval"/>.</summary>
    public CommitterSettings WithMaxInterval(TimeSpan maxInterval) =>
        this with { MaxInterval = maxInterval > TimeSpan.Zero ? maxInterval : throw new KafkaSettingsException($"{ConfigPath}.max-interval", "must be a positive duration") };

    /// <summary>Sets <see cref="Parallelism"/>.</summary>
    public CommitterSettings WithParallelism(int parallelism) =>
        this with { Parallelism = parallelism > 0 ? parallelism : throw new KafkaSettingsException($"{ConfigPath}.parallelism", "must be a positive integer") };
}
