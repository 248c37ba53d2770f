using System.Globalization;

namespace SignupEmail.DevHost;

/// <summary><c>--brokers N</c>, the same in both modes: how many embedded Kafka brokers to start.</summary>
internal static class BrokerCountOption
{
    public const string Name = "--brokers";

    public const int Default = 3;

    /// <summary>What the usage lines say about the option.</summary>
    public const string Usage = "--brokers N (1-16)";

    /// <summary>The broker count <paramref name="value"/> names, or null if it is not 1 to 16.</summary>
    public static int? Parse(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var brokers) && brokers is >= 1 and <= 16
            ? brokers
            : null;
}
