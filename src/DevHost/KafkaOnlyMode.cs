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
        brokers = BrokerCountOption.Default;
        problem = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == BrokerCountOption.Name && i + 1 < args.Length && BrokerCountOption.Parse(args[i + 1]) is { } parsed)
            {
                brokers = parsed;
                i++;
            }
            else
            {
                problem = $"Unknown or invalid option '{args[i]}'. Usage: kafka [{BrokerCountOption.Usage}].";
                return false;
            }
        }

        return true;
    }
}
