using SignupEmail.Shared.Kafka;

namespace SignupEmail.UserNode.Configuration;

/// <summary>The journal-driven publisher to Kafka (<c>UserNode:Publishing</c>).</summary>
public sealed class PublishingOptions
{
    /// <summary>Kafka brokers, <c>host:port</c> separated by commas. Required.</summary>
    public string BootstrapServers { get; set; } = string.Empty;

    /// <summary>Topic the <c>user.signed-up</c> records go to.</summary>
    public string Topic { get; set; } = SignupTopics.UserSignedUp;

    /// <summary>
    /// <c>KeyHash</c> (default: the producer's partitioner hashes the user id, <c>murmur2_random</c> like
    /// the Java client) or <c>RoundRobin</c> (the course's choice: the publisher picks the partitions in turn).
    /// </summary>
    public string Partitioning { get; set; } = nameof(PublishingPartitioning.KeyHash);

    /// <summary>CloudEvents <c>ce_source</c> of the records.</summary>
    public string CloudEventsSource { get; set; } = "/signupemail/user-node";

    /// <summary>
    /// How often the publisher looks at the journal without being woken. Entities wake it after each
    /// write; this poll only bounds the delay when a wake-up is lost (its node died after the commit).
    /// </summary>
    public TimeSpan FallbackPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a hole in the journal's ordering may stay open before the publisher takes it for a
    /// rolled-back insert and moves its stored offset past it. Rows above a hole are published at once;
    /// this only delays the stored offset.
    /// </summary>
    public TimeSpan GapTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most journal rows one query reads.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Most records handed to Kafka and not yet acknowledged; the publisher stops reading at this many.</summary>
    public int MaxInFlight { get; set; } = 5000;

    /// <summary>How often the acknowledged offset is written to the database (at most).</summary>
    public TimeSpan OffsetSaveInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First delay before the publisher restarts after a failure (Kafka, database).</summary>
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between restarts after repeated failures.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Records waiting this long for Kafka's acknowledgement, with none arriving meanwhile, make the
    /// <c>journal-publisher</c> health check Degraded (Kafka down or unreachable from the publisher).
    /// </summary>
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra librdkafka properties for the producer (e.g. <c>security.protocol</c>), over <c>akka.kafka.producer.kafka-clients</c>.</summary>
    public IDictionary<string, string> KafkaProperties { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
