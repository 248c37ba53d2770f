using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;

namespace SignupEmail.EmailNode.Consuming;

/// <summary>
/// Checks the cluster before the pipeline consumes: a broker answers within
/// <see cref="ConsumingOptions.StartupTimeout"/>, both topics exist, and the dead-letter topic has at
/// least the partitions of the consumed one. Without it a typo in a topic name leaves the consumer
/// subscribed to nothing (librdkafka only logs) while the node reports itself ready. Never creates a
/// topic: topics belong to the deployment (docker-compose's kafka-init, the launcher's embedded Kafka).
/// </summary>
/// <remarks>
/// Metadata is requested for all topics, never by name: a metadata request naming an unknown topic
/// creates it on brokers with <c>auto.create.topics.enable</c> (and on librdkafka's mock cluster),
/// which would hide the very typo this check is for.
/// </remarks>
/// <param name="options">Brokers, topics and the start-up timeout.</param>
/// <param name="logger">Where the wait and librdkafka's own messages go.</param>
public sealed partial class KafkaStartupCheck(ConsumingOptions options, ILogger<KafkaStartupCheck> logger)
{
    // Each metadata request waits at most this long, so a stop requested during the wait is seen
    // within it and a broker that comes up late is asked again.
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    // Between attempts that failed at once, so a refused connection is not retried in a busy loop.
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Waits for the cluster's metadata and checks the topics; throws an
    /// <see cref="InvalidOperationException"/> whose message names the configuration key at fault
    /// (each problem separated by "; ").
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var metadata = await ReadMetadataAsync(cancellationToken);
        var problems = Problems(options, metadata.Topics);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }

        var partitions = metadata.Topics.First(t => t.Topic == options.Topic).Partitions.Count;
        if (partitions > options.MaxPartitions)
        {
            LogFewerSubStreamsThanPartitions(logger, options.MaxPartitions, partitions, options.Topic);
        }

        LogVerified(logger, options.Topic, partitions, options.DeadLetterTopic, metadata.Brokers.Count);
    }

    /// <summary>
    /// What is wrong with the topics in <paramref name="topics"/> (the cluster's metadata) for
    /// <paramref name="options"/>, each problem starting with its configuration key; empty when both
    /// topics are usable.
    /// </summary>
    public static IReadOnlyList<string> Problems(ConsumingOptions options, IEnumerable<TopicMetadata> topics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(topics);

        var known = topics.ToDictionary(t => t.Topic, StringComparer.Ordinal);
        var problems = new List<string>();
        var source = Find("Topic", options.Topic);
        var deadLetters = Find("DeadLetterTopic", options.DeadLetterTopic);
        if (source is not null && deadLetters is not null && deadLetters.Partitions.Count < source.Partitions.Count)
        {
            problems.Add(
                $"{ConsumingOptions.SectionName}:DeadLetterTopic '{options.DeadLetterTopic}' has {Partitions(deadLetters.Partitions.Count)}, " +
                $"fewer than the {source.Partitions.Count} of {ConsumingOptions.SectionName}:Topic '{options.Topic}'. " +
                $"A dead letter goes to the partition number its record came from, so it needs at least {source.Partitions.Count}.");
        }

        return problems;

        TopicMetadata? Find(string key, string name)
        {
            if (!known.TryGetValue(name, out var topic) || topic.Error.Code == ErrorCode.UnknownTopicOrPart)
            {
                problems.Add(
                    $"{ConsumingOptions.SectionName}:{key} '{name}' does not exist on the cluster ({options.BootstrapServers}). " +
                    "The node never creates topics: fix the name, or create the topic as the deployment does.");
                return null;
            }

            if (topic.Partitions.Count == 0)
            {
                problems.Add($"{ConsumingOptions.SectionName}:{key} '{name}' cannot be used: {topic.Error.Code}: {topic.Error.Reason}.");
                return null;
            }

            return topic;
        }
    }

    private async Task<Metadata> ReadMetadataAsync(CancellationToken cancellationToken)
    {
        // The client's own errors say why (connection refused, name not resolved); a failed
        // metadata request only says that it failed.
        Error? clientError = null;
        Error? requestError = null;
        var config = new AdminClientConfig(options.KafkaProperties
            .Where(p => !EmailPipeline.IsConsumerOnly(p.Key))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal))
        {
            BootstrapServers = options.BootstrapServers,
        };

        // librdkafka would print to standard error otherwise; while waiting its complaints repeat
        // every reconnect, and the last one ends up in the failure message instead.
        using var admin = new AdminClientBuilder(config)
            .SetLogHandler((_, message) => LogClient(logger, message.Facility, message.Message))
            .SetErrorHandler((_, error) =>
            {
                Volatile.Write(ref clientError, error);
                LogClientError(logger, error.Code, error.Reason);
            })
            .Build();

        var clock = Stopwatch.StartNew();
        var waitLogged = false;
        while (true)
        {
            var remaining = options.StartupTimeout - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw new InvalidOperationException(Unreachable(Volatile.Read(ref clientError) ?? requestError));
            }

            var attempt = remaining < AttemptTimeout ? remaining : AttemptTimeout;
            try
            {
                return await Task.Run(() => admin.GetMetadata(attempt), cancellationToken);
            }
            catch (KafkaException ex)
            {
                requestError = ex.Error;
                if (!waitLogged)
                {
                    LogWaiting(logger, options.BootstrapServers, options.StartupTimeout, ex.Error.Code, ex.Error.Reason);
                    waitLogged = true;
                }
            }

            var left = options.StartupTimeout - clock.Elapsed;
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left < RetryPause ? left : RetryPause, cancellationToken);
            }
        }
    }

    private string Unreachable(Error? lastError)
    {
        var seconds = options.StartupTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var last = lastError is null ? string.Empty : $", last error {lastError.Code}: {lastError.Reason}";
        return $"{ConsumingOptions.SectionName}:BootstrapServers '{options.BootstrapServers}': no Kafka broker answered within {seconds} s " +
            $"({ConsumingOptions.SectionName}:StartupTimeout{last}).";
    }

    private static string Partitions(int count) => count == 1 ? "1 partition" : $"{count} partitions";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka at {BootstrapServers} does not answer yet ({ErrorCode}: {Reason}); waiting up to {StartupTimeout} in all")]
    private static partial void LogWaiting(ILogger logger, string bootstrapServers, TimeSpan startupTimeout, ErrorCode errorCode, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Topics checked: {Topic} has {Partitions} partitions, dead letters to {DeadLetterTopic}; {Brokers} brokers")]
    private static partial void LogVerified(ILogger logger, string topic, int partitions, string deadLetterTopic, int brokers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email:Kafka:MaxPartitions ({MaxPartitions}) is below the {Partitions} partitions of {Topic}: partitions assigned beyond it wait until another one is revoked")]
    private static partial void LogFewerSubStreamsThanPartitions(ILogger logger, int maxPartitions, int partitions, string topic);

    [LoggerMessage(Level = LogLevel.Debug, Message = "librdkafka admin {Facility}: {Text}")]
    private static partial void LogClient(ILogger logger, string facility, string text);

    [LoggerMessage(Level = LogLevel.Debug, Message = "librdkafka admin error {ErrorCode}: {Reason}")]
    private static partial void LogClientError(ILogger logger, ErrorCode errorCode, string reason);
}
