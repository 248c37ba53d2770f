using Akka.Configuration;
using Akka.Hosting;

namespace SignupEmail.UserNode.Configuration;

/// <summary>Loads <c>user-node.hocon</c> (embedded in the assembly, so it travels with the code).</summary>
public static class UserNodeHocon
{
    private const string ResourceName = "SignupEmail.UserNode.user-node.hocon";

    /// <summary>The node's HOCON.</summary>
    public static Config Load()
    {
        using var stream = typeof(UserNodeHocon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }

    /// <summary>Adds <c>user-node.hocon</c> in front of Akka's defaults.</summary>
    public static AkkaConfigurationBuilder AddUserNodeHocon(this AkkaConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddHocon(Load(), HoconAddMode.Prepend);
    }
}
