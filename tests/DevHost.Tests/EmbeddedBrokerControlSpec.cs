using Confluent.Kafka;
using SignupEmail.Dashboard.Actions;
using SignupEmail.EmbeddedKafka;
using SignupEmail.Shared.Kafka;

namespace SignupEmail.DevHost.Tests;

/// <summary>
/// The dashboard's broker stop/start over a real embedded cluster with the signup topics: a stop moves
/// every leadership the broker held (and the controller) to a broker that is up, as the mock would not.
/// </summary>
public sealed class EmbeddedBrokerControlSpec : IDisposable
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);
    private readonly EmbeddedKafkaCluster _cluster = SignupKafka.Start(3);
    private readonly EmbeddedBrokerControl _control;

    public EmbeddedBrokerControlSpec() => _control = new EmbeddedBrokerControl(_cluster, SignupTopics.All, "email-service");

    public void Dispose()
    {
        _control.Dispose();
        _cluster.Dispose();
    }

    [Fact]
    public async Task Stopping_a_broker_moves_the_leadership_of_every_partition_it_led_and_the_controller_to_an_up_broker()
    {
        var before = Leaders();
        var led = before.Where(p => p.Value == 1).Select(p => p.Key).ToList();
        Assert.Equal(2, led.Count); // partition 0 of both topics

        Assert.Equal(BrokerChange.Done, await _control.StopAsync(1, CancellationToken.None));

        Assert.Equal([1], _control.Down);
        var (after, controller, brokers) = ReadMetadata();
        Assert.All(led, partition => Assert.InRange(after[partition], 2, 3));
        Assert.All(before.Where(p => p.Value != 1), p => Assert.Equal(p.Value, after[p.Key]));
        Assert.NotEqual(1, controller);
        Assert.DoesNotContain(1, brokers);
    }

    [Fact]
    public async Task The_last_broker_up_cannot_be_stopped_an_unknown_one_is_refused_and_start_brings_a_broker_back()
    {
        Assert.Equal(BrokerChange.UnknownBroker, await _control.StopAsync(4, CancellationToken.None));
        Assert.Equal(BrokerChange.Done, await _control.StopAsync(2, CancellationToken.None));
        Assert.Equal(BrokerChange.Done, await _control.StopAsync(2, CancellationToken.None));
        Assert.Equal(BrokerChange.Done, await _control.StopAsync(3, CancellationToken.None));
        Assert.Equal(BrokerChange.LastBrokerUp, await _control.StopAsync(1, CancellationToken.None));
        Assert.All(Leaders().Values, leader => Assert.Equal(1, leader));

        Assert.Equal(BrokerChange.Done, await _control.StartAsync(2, CancellationToken.None));

        Assert.Equal([3], _control.Down);
        Assert.Contains(2, ReadMetadata().Brokers);
        Assert.Equal(BrokerChange.UnknownBroker, await _control.StartAsync(0, CancellationToken.None));
    }

    private Dictionary<string, int> Leaders() => ReadMetadata().Leaders;

    // A new admin client per read: one that lives through a set-down can later abort the process (KAFKA-MOCK.md).
    private (Dictionary<string, int> Leaders, int Controller, List<int> Brokers) ReadMetadata()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _cluster.BootstrapServers })
            .SetLogHandler((_, _) => { })
            .Build();
        var metadata = admin.GetMetadata(MetadataTimeout);
        var leaders = metadata.Topics
            .Where(t => SignupTopics.All.Contains(t.Topic))
            .SelectMany(t => t.Partitions.Select(p => ($"{t.Topic}[{p.PartitionId}]", p.Leader)))
            .ToDictionary(p => p.Item1, p => p.Leader);
        Assert.Equal(6, leaders.Count);
        var controller = admin.DescribeClusterAsync(new Confluent.Kafka.Admin.DescribeClusterOptions { RequestTimeout = MetadataTimeout })
            .GetAwaiter().GetResult().Controller?.Id ?? -1;
        return (leaders, controller, [.. metadata.Brokers.Select(b => b.BrokerId)]);
    }
}
