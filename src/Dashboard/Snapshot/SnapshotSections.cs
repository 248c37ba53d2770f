using System.Globalization;
using SignupEmail.Dashboard.Metrics;
using SignupEmail.Dashboard.Sources;
using SignupEmail.Shared.Kafka;

namespace SignupEmail.Dashboard.Snapshot;

/// <summary>Turns what the nodes answered into the snapshot's sections; a section whose source failed is null.</summary>
internal static class SnapshotSections
{
    /// <summary>
    /// The diagram's data. Metadata leaves out a broker that is down, so one the dashboard stopped is
    /// added back from <paramref name="knownBrokers"/> (what earlier refreshes saw) and shown as down.
    /// </summary>
    public static KafkaSection? Kafka(SourceRead<TopicsView> topics, IReadOnlyCollection<int> brokersDown, IReadOnlyDictionary<int, BrokerView> knownBrokers) =>
        topics.Value is not { } view
            ? null
            : new KafkaSection(
                view.ControllerId,
                [.. view.Brokers
                    .Concat(brokersDown.Where(id => view.Brokers.All(b => b.Id != id))
                        .Select(id => knownBrokers.TryGetValue(id, out var known) ? known : new BrokerView(id, string.Empty, 0)))
                    .OrderBy(b => b.Id)
                    .Select(b => new BrokerState(b.Id, b.Host, b.Port, brokersDown.Contains(b.Id) ? "down" : "up"))],
                [.. view.Topics.Select(t => new TopicState(
                    t.Name,
                    t.Name == SignupTopics.UserSignedUpDeadLetter ? "dead-letters" : "signups",
                    [.. t.Partitions.OrderBy(p => p.Partition).Select(p => new PartitionState(p.Partition, p.Leader, p.Replicas, p.Isr))]))]);

    /// <summary>The group without its lag history (the refresher adds it).</summary>
    public static GroupSection? Group(SourceRead<LagView> lag, IReadOnlyList<(string Url, SourceRead<ConsumerView> Consumer)> consumers)
    {
        if (lag.Value is not { } view)
        {
            return null;
        }

        var answered = consumers.Where(c => c.Consumer.Value is not null).Select(c => (c.Url, Consumer: c.Consumer.Value!)).ToList();
        var members = answered
            .Select(c => new GroupMember(
                c.Url,
                [.. c.Consumer.Partitions.Where(p => p.Topic == SignupTopics.UserSignedUp).Select(p => p.Partition).Order()],
                c.Consumer.Circuit.State,
                c.Consumer.Running))
            .ToList();
        var partitions = view.Partitions.OrderBy(p => p.Partition).Select(p =>
        {
            var owner = answered.FirstOrDefault(c => c.Consumer.Partitions.Any(a => a.Topic == SignupTopics.UserSignedUp && a.Partition == p.Partition));
            var state = owner.Consumer?.Partitions.First(a => a.Topic == SignupTopics.UserSignedUp && a.Partition == p.Partition).State;
            return new GroupPartition(p.Partition, p.Committed, p.End, p.Lag, owner.Url, state);
        }).ToList();
        return new GroupSection(view.GroupId, view.TotalLag, members, partitions, new Dictionary<string, IReadOnlyList<long[]>>());
    }

    /// <summary>The counters, or null unless the User node and every Email node served their metrics.</summary>
    public static FlowCounters? Counters(SourceRead<string> userMetrics, IReadOnlyList<SourceRead<string>> emailMetrics)
    {
        if (userMetrics.Value is not { } user || emailMetrics.Any(m => m.Value is null))
        {
            return null;
        }

        return FlowCounters.From(PrometheusText.Parse(user), emailMetrics.Select(m => PrometheusText.Parse(m.Value!)));
    }

    public static IReadOnlyList<DeadLetterRow>? DeadLetters(SourceRead<DeadLettersView> deadLetters) =>
        deadLetters.Value is not { } view
            ? null
            : [.. view.Items.Select(item => new DeadLetterRow(
                item.Partition,
                item.Offset,
                item.Timestamp,
                item.EventId,
                Header(item, "dlt-exception-type"),
                Header(item, "dlt-exception-message"),
                int.TryParse(Header(item, "dlt-original-partition"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var partition) ? partition : null,
                long.TryParse(Header(item, "dlt-original-offset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset) ? offset : null))];

    public static UserClusterSection? UserCluster(SourceRead<ClusterView> cluster, SourceRead<ShardingStatsView> sharding, SourceRead<PublisherView> publisher)
    {
        if (cluster.Value is not { } view)
        {
            return null;
        }

        var regions = sharding.Value?.Regions.ToDictionary(r => r.Address, StringComparer.Ordinal);
        var members = view.Members.Select(m =>
        {
            var region = regions is not null && regions.TryGetValue(m.Address, out var found) ? found : null;
            return new UserClusterMember(
                m.Address, m.Status, m.UpNumber, m.Reachable,
                regions is null ? null : region?.Shards ?? 0,
                regions is null ? null : region?.Entities ?? 0);
        }).ToList();
        var singleton = publisher.Value is { } p ? new PublisherState(p.Address, p.Running, p.InFlight, p.WaitingForKafka) : null;
        return new UserClusterSection(view.Self, view.Leader, members, singleton);
    }

    private static string? Header(DeadLetterView item, string name) =>
        item.Headers is not null && item.Headers.TryGetValue(name, out var value) ? value : null;
}
