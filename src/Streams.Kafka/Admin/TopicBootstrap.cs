using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace SignupEmail.Streams.Kafka.Admin;

/// <summary>
/// Makes sure the topics a service needs exist with the expected shape before it starts producing
/// or consuming: creates the missing ones and refuses to start on a partition count or replication
/// factor that differs from the desired one (keyed partitioning and per-partition consumers depend on it).
/// </summary>
/// <remarks>
/// Metadata is requested for all topics, never by name: a metadata request naming an unknown topic
/// auto-creates it on brokers with <c>auto.create.topics.enable</c> (and on librdkafka's mock
/// cluster), with the broker's default shape instead of the desired one.
/// </remarks>
public static class TopicBootstrap
{
    /// <summary>Checks and, where missing, creates <paramref name="topics"/>.</summary>
    /// <param name="adminConfig">Admin client configuration; at least <c>bootstrap.servers</c>.</param>
    /// <param name="topics">Desired topics. <see cref="TopicSpecification.NumPartitions"/> and
    /// <see cref="TopicSpecification.ReplicationFactor"/> are checked on existing topics when positive;
    /// <see cref="TopicSpecification.Configs"/> apply to created topics only.</param>
    /// <param name="timeout">Bound of each admin request.</param>
    /// <returns>The names of the topics that were created.</returns>
    /// <exception cref="TopicBootstrapException">A topic exists with another shape, or could not be created.</exception>
    public static async Task<IReadOnlyList<string>> EnsureTopicsAsync(AdminClientConfig adminConfig, IReadOnlyCollection<TopicSpecification> topics, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(adminConfig);
        ArgumentNullException.ThrowIfNull(topics);

        // Short-lived on purpose: one admin client per bootstrap, disposed right after.
        using var admin = new AdminClientBuilder(adminConfig).Build();
        var metadata = await Task.Run(() => admin.GetMetadata(timeout)).ConfigureAwait(false);
        var existing = metadata.Topics
            .Where(t => t.Error.Code != ErrorCode.UnknownTopicOrPart)
            .ToDictionary(t => t.Topic, StringComparer.Ordinal);

        var problems = new List<TopicBootstrapException>();
        var missing = new List<TopicSpecification>();
        foreach (var desired in topics)
        {
            if (existing.TryGetValue(desired.Name, out var actual))
            {
                if (Mismatch(desired, actual) is { } problem)
                {
                    problems.Add(new TopicBootstrapException(desired.Name, problem));
                }
            }
            else
            {
                missing.Add(desired);
            }
        }

        ThrowIfAny(problems);
        if (missing.Count == 0)
        {
            return [];
        }

        try
        {
            await admin.CreateTopicsAsync(missing, new CreateTopicsOptions { RequestTimeout = timeout, OperationTimeout = timeout }).ConfigureAwait(false);
        }
        catch (CreateTopicsException e)
        {
            // Another instance creating the same topic at the same time is fine.
            ThrowIfAny(e.Results
                .Where(r => r.Error.IsError && r.Error.Code != ErrorCode.TopicAlreadyExists)
                .Select(r => new TopicBootstrapException(r.Topic, $"could not be created: {r.Error.Code}: {r.Error.Reason}", e))
                .ToList());
        }
        catch (KafkaException e)
        {
            // The whole request was refused (e.g. a broker without the admin API).
            ThrowIfAny(missing.Select(t => new TopicBootstrapException(t.Name, $"could not be created: {e.Error.Code}: {e.Error.Reason}", e)).ToList());
        }

        return missing.Select(t => t.Name).ToList();
    }

    /// <summary>Convenience overload: an admin client for <paramref name="bootstrapServers"/>.</summary>
    public static Task<IReadOnlyList<string>> EnsureTopicsAsync(string bootstrapServers, IReadOnlyCollection<TopicSpecification> topics, TimeSpan timeout) =>
        EnsureTopicsAsync(new AdminClientConfig { BootstrapServers = bootstrapServers }, topics, timeout);

    private static string? Mismatch(TopicSpecification desired, TopicMetadata actual)
    {
        var differences = new List<string>();
        if (desired.NumPartitions > 0 && actual.Partitions.Count != desired.NumPartitions)
        {
            differences.Add($"has {actual.Partitions.Count} partitions, expected {desired.NumPartitions}");
        }

        var replicas = actual.Partitions.Count == 0 ? 0 : actual.Partitions.Min(p => p.Replicas.Length);
        if (desired.ReplicationFactor > 0 && replicas != desired.ReplicationFactor)
        {
            differences.Add($"has replication factor {replicas}, expected {desired.ReplicationFactor}");
        }

        return differences.Count == 0 ? null : $"exists with another shape: {string.Join("; ", differences)}";
    }

    private static void ThrowIfAny(List<TopicBootstrapException> problems)
    {
        switch (problems.Count)
        {
            case 0:
                return;
            case 1:
                throw problems[0];
            default:
                throw new AggregateException($"Topic bootstrap failed: {string.Join(" ", problems.Select(p => p.Message))}", problems);
        }
    }
}
