using Akka.Actor;
using Akka.Configuration;

namespace SignupEmail.Streams.Kafka.Settings;

/// <summary>The connector's reference configuration (<c>akka.kafka.*</c>), embedded in this assembly.</summary>
public static class KafkaDefaults
{
    private const string ResourceName = "SignupEmail.Streams.Kafka.reference.conf";

    /// <summary>The parsed reference configuration.</summary>
    public static Config Config { get; } = Load();

    /// <summary>
    /// Makes the defaults visible in <paramref name="system"/>'s configuration. The settings
    /// factories call this; Akka.Hosting users may instead add <see cref="Config"/> as a fallback.
    /// </summary>
    public static void InjectInto(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        system.Settings.InjectTopLevelFallback(Config);
    }

    private static Config Load()
    {
        using var stream = typeof(KafkaDefaults).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
