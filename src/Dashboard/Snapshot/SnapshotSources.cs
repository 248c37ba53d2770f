using Microsoft.Extensions.Options;
using SignupEmail.Dashboard.Configuration;
using SignupEmail.Dashboard.Sources;

namespace SignupEmail.Dashboard.Snapshot;

/// <summary>
/// Reads everything a snapshot needs from the nodes at once, in parallel, each read bounded by its own
/// timeout: the User node's cluster, sharding, publisher and metrics; Kafka (topics, lag, newest dead
/// letters) through the first Email node; every Email node's consumer and metrics.
/// </summary>
internal sealed class SnapshotSources(NodeReader reader, IOptions<DashboardOptions> options)
{
    /// <summary>How many dead letters the panel lists.</summary>
    public const int NewestDeadLetters = 20;

    private readonly DashboardOptions _options = options.Value;

    public async Task<SourceReads> ReadAsync(CancellationToken cancellationToken)
    {
        var user = _options.UserNodeUrl;
        var kafkaNode = _options.EmailNodeUrls[0];
        const string U = NodeReader.UserNode, E = NodeReader.EmailNode;
        var cluster = reader.GetJsonAsync<ClusterView>(U, user, "/admin/cluster", cancellationToken);
        var sharding = reader.GetJsonAsync<ShardingStatsView>(U, user, "/admin/sharding/stats", cancellationToken);
        var publisher = reader.GetJsonAsync<PublisherView>(U, user, "/admin/publisher", cancellationToken);
        var userMetrics = reader.GetTextAsync(U, user, "/metrics", cancellationToken);
        var topics = reader.GetJsonAsync<TopicsView>(E, kafkaNode, "/admin/kafka/topics", cancellationToken);
        var lag = reader.GetJsonAsync<LagView>(E, kafkaNode, "/admin/kafka/lag", cancellationToken);
        var deadLetters = reader.GetJsonAsync<DeadLettersView>(E, kafkaNode, $"/admin/dead-letters?newest={NewestDeadLetters}", cancellationToken);
        var consumers = _options.EmailNodeUrls
            .Select(async url => (url, await reader.GetJsonAsync<ConsumerView>(E, url, "/admin/consumer", cancellationToken)))
            .ToList();
        var emailMetrics = _options.EmailNodeUrls.Select(url => reader.GetTextAsync(E, url, "/metrics", cancellationToken)).ToList();

        await Task.WhenAll(new Task[] { cluster, sharding, publisher, userMetrics, topics, lag, deadLetters }.Concat(consumers).Concat(emailMetrics));
        return new SourceReads(
            await cluster, await sharding, await publisher, await userMetrics, await topics, await lag, await deadLetters,
            [.. consumers.Select(c => c.Result)],
            [.. emailMetrics.Select(m => m.Result)]);
    }
}
