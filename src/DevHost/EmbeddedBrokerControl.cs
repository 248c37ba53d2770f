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
internal sealed class EmbeddedBrokerControl : IBrokerControl, IDisposable
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _changing = new(1, 1);
    private readonly SortedSet<int> _down = [];
    private readonly EmbeddedKafkaCluster _cluster;
    private readonly IReadOnlyList<string> _topics;
    private readonly string _groupId;

    // EmbeddedKafkaCluster.Start makes broker 1 the controller.
    private int _controller = 1;
    private int _coordinator = 1;

    /// <summary>
    /// Pins the group's coordinator on broker 1 (the mock otherwise picks one by hash, which this
    /// control could not see), so a stop moves it only when it is there. Best made before the group's
    /// first member joins, so the pin moves nothing.
    /// </summary>
    public EmbeddedBrokerControl(EmbeddedKafkaCluster cluster, IReadOnlyList<string> topics, string groupId)
    {
        _cluster = cluster;
        _topics = topics;
        _groupId = groupId;
        BrokerIds = [.. Enumerable.Range(1, cluster.BrokerCount)];
        cluster.SetGroupCoordinator(groupId, _coordinator);
    }

    public IReadOnlyList<int> BrokerIds { get; }

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
            foreach (var topic in metadata.Topics.Where(t => _topics.Contains(t.Topic)))
            {
                foreach (var partition in topic.Partitions.Where(p => p.Leader == brokerId))
                {
                    var candidates = partition.Replicas.Where(survivors.Contains).ToList();
                    var leader = candidates.Count > 0 ? candidates[partition.PartitionId % candidates.Count] : survivors[0];
                    _cluster.SetPartitionLeader(topic.Topic, partition.PartitionId, leader);
                }
            }

            if (_coordinator == brokerId)
            {
                _coordinator = survivors[0];
                _cluster.SetGroupCoordinator(_groupId, survivors[0]);
            }

            if (_controller == brokerId)
            {
                _controller = survivors[0];
                _cluster.SetControllerId(survivors[0]);
            }

            _cluster.SetBrokerDown(brokerId);
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
            _cluster.SetBrokerUp(brokerId);
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
        var config = new AdminClientConfig { BootstrapServers = _cluster.BootstrapServers };
        using var admin = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).Build();
        return admin.GetMetadata(MetadataTimeout);
    }
}
