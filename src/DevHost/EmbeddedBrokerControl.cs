using Confluent.Kafka;
using SignupEmail.Dashboard.Actions;
using SignupEmail.EmbeddedKafka;

namespace SignupEmail.DevHost;

/// <summary>
/// The dashboard's broker stop/start over the launcher's embedded cluster. The mock cluster's set-down
/// only disconnects a broker; it elects no new leaders (KAFKA-MOCK.md). So a stop first reads the
/// metadata (a short-lived admin client, closed before the broker goes down: a long-lived one that lives
/// through a set-down can later abort the process), moves the leadership of every partition the broker
/// leads to an up replica, moves the consumer group's coordinator and the controller off it, and only
/// then sets it down: what a real cluster does when a broker dies.
/// </summary>
internal sealed class EmbeddedBrokerControl(EmbeddedKafkaCluster cluster, IReadOnlyList<string> topics, string groupId) : IBrokerControl, IDisposable
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _changing = new(1, 1);
    private readonly SortedSet<int> _down = [];

    // Which broker coordinates the group is the mock's own choice until the first stop sets it.
    private int? _coordinator;

    // EmbeddedKafkaCluster.Start makes broker 1 the controller.
    private int _controller = 1;

    public IReadOnlyList<int> BrokerIds { get; } = [.. Enumerable.Range(1, cluster.BrokerCount)];

    public IReadOnlyList<int> Down
    {
        get
        {
            lock (_down)
            {
                return [.. _down];
            }
        }
    }

    public async Task<BrokerChange> StopAsync(int brokerId, CancellationToken cancellationToken)
    {
        if (!BrokerIds.Contains(brokerId))
        {
            return BrokerChange.UnknownBroker;
        }

        await _changing.WaitAsync(cancellationToken);
        try
        {
            var up = BrokerIds.Except(Down).ToList();
            if (!up.Contains(brokerId))
            {
                return BrokerChange.Done;
            }

            if (up.Count == 1)
            {
                return BrokerChange.LastBrokerUp;
            }

            var survivors = up.Where(id => id != brokerId).ToList();
            var metadata = await Task.Run(ReadMetadata, cancellationToken);
            foreach (var topic in metadata.Topics.Where(t => topics.Contains(t.Topic)))
            {
                foreach (var partition in topic.Partitions.Where(p => p.Leader == brokerId))
                {
                    var candidates = partition.Replicas.Where(survivors.Contains).ToList();
                    var leader = candidates.Count > 0 ? candidates[partition.PartitionId % candidates.Count] : survivors[0];
                    cluster.SetPartitionLeader(topic.Topic, partition.PartitionId, leader);
                }
            }

            if (_coordinator is null || _coordinator == brokerId)
            {
                _coordinator = survivors[0];
                cluster.SetGroupCoordinator(groupId, survivors[0]);
            }

            if (_controller == brokerId)
            {
                _controller = survivors[0];
                cluster.SetControllerId(survivors[0]);
            }

            cluster.SetBrokerDown(brokerId);
            lock (_down)
            {
                _down.Add(brokerId);
            }

            return BrokerChange.Done;
        }
        finally
        {
            _changing.Release();
        }
    }

    public async Task<BrokerChange> StartAsync(int brokerId, CancellationToken cancellationToken)
    {
        if (!BrokerIds.Contains(brokerId))
        {
            return BrokerChange.UnknownBroker;
        }

        await _changing.WaitAsync(cancellationToken);
        try
        {
            cluster.SetBrokerUp(brokerId);
            lock (_down)
            {
                _down.Remove(brokerId);
            }

            return BrokerChange.Done;
        }
        finally
        {
            _changing.Release();
        }
    }

    public void Dispose() => _changing.Dispose();

    private Metadata ReadMetadata()
    {
        var config = new AdminClientConfig { BootstrapServers = cluster.BootstrapServers };
        using var admin = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).Build();
        return admin.GetMetadata(MetadataTimeout);
    }
}
