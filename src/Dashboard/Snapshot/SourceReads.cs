using SignupEmail.Dashboard.Sources;

namespace SignupEmail.Dashboard.Snapshot;

/// <summary>What one refresh read from the nodes, each read on its own (a failed one carries its error).</summary>
internal sealed record SourceReads(
    SourceRead<ClusterView> Cluster,
    SourceRead<ShardingStatsView> Sharding,
    SourceRead<PublisherView> Publisher,
    SourceRead<string> UserMetrics,
    SourceRead<TopicsView> Topics,
    SourceRead<LagView> Lag,
    SourceRead<DeadLettersView> DeadLetters,
    IReadOnlyList<(string Url, SourceRead<ConsumerView> Consumer)> Consumers,
    IReadOnlyList<SourceRead<string>> EmailMetrics)
{
    /// <summary>Every error of this refresh, in a stable order.</summary>
    public IReadOnlyList<SourceError> Errors() =>
    [
        .. new[] { Cluster.Error, Sharding.Error, Publisher.Error, UserMetrics.Error, Topics.Error, Lag.Error, DeadLetters.Error }
            .Concat(Consumers.Select(c => c.Consumer.Error))
            .Concat(EmailMetrics.Select(m => m.Error))
            .OfType<SourceError>(),
    ];
}
