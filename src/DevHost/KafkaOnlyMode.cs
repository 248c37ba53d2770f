using System.Globalization;

namespace SignupEmail.DevHost;

/// <summary>
/// <c>DevHost kafka</c>: the embedded cluster alone, for node processes started by hand or by tests.
/// </summary>
internal static class KafkaOnlyMode
{
    /// <summary>Prefix of the line other programs parse to find the cluster.</summary>
    public const string BootstrapLinePrefix = "KAFKA_BOOTSTRAP_SERVERS=";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        if (!TryParseBrokers(args, out var brokers, out var problem))
        {
            await errors.WriteLineAsync(problem);
            return 2;
        }

        using var stop = new ShutdownSignal();
        using var cluster = SignupKafka.Start(brokers);
        await output.WriteLineAsync(SignupKafka.Describe(brokers));
        await output.WriteLineAsync(BootstrapLinePrefix + cluster.BootstrapServers);
        await output.WriteLineAsync("Press Ctrl+C to stop. Data is in memory and ends with this process.");
        await output.FlushAsync();

        await stop.Requested;
        await output.WriteLineAsync("Stopping embedded Kafka.");
        return 0;
    }

    private static bool TryParseBrokers(string[] args, out int brokers, out string problem)
    {
        brokers = 3;
        problem = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--brokers" && i + 1 < args.Length
                && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 1 and <= 16)
            {
                brokers = parsed;
                i++;
            }
            else
            {
                problem = $"Unknown or invalid option '{args[i]}'. Usage: kafka [--brokers N] with 1 <= N <= 16.";
                return false;
            }
        }

        return true;
    }
}
