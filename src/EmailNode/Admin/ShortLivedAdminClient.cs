using Confluent.Kafka;
using SignupEmail.EmailNode.Consuming;

namespace SignupEmail.EmailNode.Admin;

/// <summary>
/// The admin clients the admin API asks Kafka with: one per call, never kept. On librdkafka's mock
/// cluster a long-lived admin client that lived through a broker outage can later abort the process
/// (KAFKA-MOCK.md), and a fresh client cannot carry a stale connection into the next call.
/// </summary>
internal static class ShortLivedAdminClient
{
    /// <summary>A new admin client for the node's brokers, with its client properties (consumer-only ones left out).</summary>
    public static IAdminClient Open(ConsumingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AdminClientConfig(options.KafkaProperties
            .Where(p => !EmailPipeline.IsConsumerOnly(p.Key))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal))
        {
            BootstrapServers = options.BootstrapServers,
        };

        // librdkafka would print every failed connection to standard error; the answer says enough.
        return new AdminClientBuilder(config).SetLogHandler((_, _) => { }).Build();
    }

    /// <summary>Disposes <paramref name="admin"/> without waiting: destroying a client waits for its outstanding requests, and a timed-out answer must not.</summary>
    public static void Release(IAdminClient admin) => _ = Task.Run(admin.Dispose, CancellationToken.None);
}
