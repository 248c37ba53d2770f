namespace SignupEmail.Streams.Kafka.Dsl;

/// <summary>
/// What a consumer subscribes to: topic names, or regular expressions starting with <c>^</c>
/// (librdkafka's pattern subscription). Partitions are assigned by the consumer group.
/// </summary>
public sealed record Subscription
{
    private Subscription(IReadOnlyList<string> topics) => Topics = topics;

    /// <summary>The topic names or patterns.</summary>
    public IReadOnlyList<string> Topics { get; }

    /// <summary>Subscribes to these topics (names, or patterns starting with <c>^</c>).</summary>
    public static Subscription ToTopics(params string[] topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (topics.Length == 0 || topics.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A subscription needs at least one topic, and no empty names.", nameof(topics));
        }

        return new Subscription(topics.ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(",", Topics);
}
