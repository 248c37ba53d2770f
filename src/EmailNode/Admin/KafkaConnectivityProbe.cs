using Confluent.Kafka;
using SignupEmail.EmailNode.Consuming;

namespace SignupEmail.EmailNode.Admin;

/// <summary>
/// Asks the cluster for its metadata with a short-lived admin client, so readiness sees a dead Kafka
/// within seconds: the consumer itself only logs while librdkafka reconnects, and keeps its
/// partitions until the session times out. Callers at the same time share one probe, and an answer
/// younger than <see cref="FreshFor"/> is reused: the health endpoints answer without a key, and must
/// not let anyone create Kafka clients at will.
/// </summary>
/// <remarks>
/// A new client each time: on librdkafka's mock cluster a long-lived admin client that lived through
/// a broker outage can later abort the process (KAFKA-MOCK.md). Metadata is asked for all topics,
/// never by name, which could create a topic.
/// </remarks>
/// <param name="options">Brokers and client properties.</param>
/// <param name="time">The clock.</param>
public sealed class KafkaConnectivityProbe(ConsumingOptions options, TimeProvider time)
{
    /// <summary>Longest a probe waits for a broker: below the few seconds a health prober waits.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>How long an answer is reused.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private Task<KafkaConnectivity>? _probe;

    /// <summary>The cluster's reachability, at most <see cref="FreshFor"/> old (plus one probe's length).</summary>
    public Task<KafkaConnectivity> CheckAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_probe is null
                || (_probe.IsCompleted && (!_probe.IsCompletedSuccessfully || time.GetUtcNow() - _probe.Result.CheckedAt >= FreshFor)))
            {
                _probe = Task.Run(Probe, CancellationToken.None);
            }

            return _probe.WaitAsync(cancellationToken);
        }
    }

    private KafkaConnectivity Probe()
    {
        using var admin = ShortLivedAdminClient.Open(options);
        try
        {
            var metadata = admin.GetMetadata(Timeout);
            return new KafkaConnectivity(true, metadata.Brokers.Count, null, time.GetUtcNow());
        }
        catch (KafkaException ex)
        {
            return new KafkaConnectivity(false, 0, ex.Error.Code.ToString(), time.GetUtcNow());
        }
    }
}
