using Akka.Configuration;
using Akka.Hosting;
using SignupEmail.Streams.Kafka.Settings;

namespace SignupEmail.EmailNode.Settings;

/// <summary>Loads <c>email-node.hocon</c> (embedded in the assembly, so it travels with the code).</summary>
public static class EmailNodeHocon
{
    private const string ResourceName = "SignupEmail.EmailNode.email-node.hocon";

    /// <summary>The node's HOCON, with the Kafka stages' defaults underneath.</summary>
    public static Config Load()
    {
        using var stream = typeof(EmailNodeHocon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd()).WithFallback(KafkaDefaults.Config);
    }

    /// <summary>Adds <c>email-node.hocon</c> in front of Akka's defaults.</summary>
    public static AkkaConfigurationBuilder AddEmailNodeHocon(this AkkaConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddHocon(Load(), HoconAddMode.Prepend);
    }
}
