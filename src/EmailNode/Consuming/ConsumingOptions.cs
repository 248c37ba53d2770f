using SignupEmail.Shared.Kafka;

namespace SignupEmail.EmailNode.Consuming;

/// <summary>
/// Where and how the node consumes, from <c>Email:Kafka</c>. Stage tuning (buffer sizes, commit
/// batching, timeouts) lives in <c>email-node.hocon</c> under <c>akka.kafka</c>; what differs per
/// deployment is here.
/// </summary>
public sealed record ConsumingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Email:Kafka";

    /// <summary>Whether the node consumes at all (<c>Enabled</c>); off runs only the HTTP side, e.g. to inspect the send log.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Kafka brokers, <c>host:port</c> separated by commas (<c>BootstrapServers</c>).</summary>
    public string BootstrapServers { get; init; } = string.Empty;

    /// <summary>The consumer group; every Email node of a deployment uses the same one (<c>GroupId</c>).</summary>
    public string GroupId { get; init; } = "email-service";

    /// <summary>The topic consumed (<c>Topic</c>).</summary>
    public string Topic { get; init; } = SignupTopics.UserSignedUp;

    /// <summary>Where records that cannot be handled go, keeping their partition number (<c>DeadLetterTopic</c>).</summary>
    public string DeadLetterTopic { get; init; } = SignupTopics.UserSignedUpDeadLetter;

    /// <summary>
    /// Partitions handled at once by this node (<c>MaxPartitions</c>): one sub-stream each. A partition
    /// assigned beyond this waits until another one is revoked, so keep it at least the topic's
    /// partition count.
    /// </summary>
    public int MaxPartitions { get; init; } = 64;

    /// <summary>What <see cref="MaxInFlightPerPartition"/> is with SMTP delivery when unset.</summary>
    public const int SmtpInFlightDefault = 8;

    /// <summary>
    /// Records of one partition handled at once (<c>MaxInFlightPerPartition</c>). Records with the
    /// same key (a user's) still go one after another, in order, and offsets are committed in order
    /// once every record below them is done. With SMTP, the sends in flight across all partitions
    /// are further capped by <c>Email:Smtp:MaxConnections</c>. Unset: <see cref="SmtpInFlightDefault"/>
    /// with SMTP, where a send mostly waits for the server; 1 with the pickup folder, whose writes go
    /// through one thread anyway, and where more records at once only competed with signups for the
    /// thread pool in the all-in-one run (docs/benchmarks.md).
    /// </summary>
    public int? MaxInFlightPerPartition { get; init; }

    /// <summary>
    /// Threads of lowered OS priority that handle records (<c>HandlerThreads</c>); 0, the default, uses
    /// the thread pool. Where the node shares CPUs with request-serving work (the one-command run sets
    /// 2), this keeps an e-mail burst from slowing those requests: e-mails wait a little longer instead
    /// (docs/benchmarks.md).
    /// </summary>
    public int HandlerThreads { get; init; }

    /// <summary>Extra librdkafka properties for the consumer and the DLT producer (<c>KafkaProperties</c>), e.g. <c>session.timeout.ms</c>.</summary>
    public Dictionary<string, string> KafkaProperties { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Retries of a failed record (<c>Retry</c>).</summary>
    public RetryOptions Retry { get; init; } = new();

    /// <summary>The delivery circuit breaker (<c>CircuitBreaker</c>).</summary>
    public CircuitBreakerOptions CircuitBreaker { get; init; } = new();

    /// <summary>Restarts of the consuming stream (<c>Restart</c>).</summary>
    public RestartOptions Restart { get; init; } = new();

    /// <summary>
    /// Longest the start waits for a Kafka broker to answer (<c>StartupTimeout</c>) before the node
    /// gives up naming <c>Email:Kafka:BootstrapServers</c>: long enough for brokers that start
    /// alongside the node, short enough that a wrong address fails the start instead of hanging it.
    /// </summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest a shutdown waits for in-flight records and commits before closing the consumer anyway (<c>DrainTimeout</c>).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
