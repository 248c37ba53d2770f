using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Confluent.Kafka;

namespace SignupEmail.EmbeddedKafka.Tests;

// Counts the process's threads, so it must not overlap other collections' clients.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LifecycleCollection
{
    public const string Name = "cluster lifecycle";
}

[Collection(LifecycleCollection.Name)]
public sealed class ClusterLifecycleSpec
{
    [Fact]
    public void Starting_and_stopping_fifty_clusters_leaks_no_threads_and_no_listening_ports()
    {
        using (EmbeddedKafkaCluster.Start())
        {
            // Warm-up: loads librdkafka and its one-time global threads before the baseline.
        }

        var threadsBefore = CurrentThreadCount();
        var ports = new HashSet<int>();
        for (var run = 0; run < 50; run++)
        {
            using var cluster = EmbeddedKafkaCluster.Start();
            cluster.CreateTopic("lifecycle", 3, 3);
            ports.UnionWith(PortsOf(cluster.BootstrapServers));
        }

        Assert.True(ports.Count >= 3, "each cluster listens on its own ports");
        Assert.Empty(ports.Intersect(ListeningTcpPorts()));
        var threadsAfter = CurrentThreadCount();
        // A few managed threads may come and go (thread pool); a leak would be 4+ threads per run.
        Assert.True(threadsAfter <= threadsBefore + 8, $"threads before {threadsBefore}, after 50 clusters {threadsAfter}");
    }

    [Fact]
    public async Task Disposing_the_cluster_while_clients_are_connected_neither_crashes_nor_hangs()
    {
        var cluster = EmbeddedKafkaCluster.Start();
        cluster.CreateTopic("connected", 3, 3);
        var bootstrap = cluster.BootstrapServers;
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            EnableIdempotence = true,
            MessageTimeoutMs = 3000,
        }).Build();
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "connected",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = 6000,
            HeartbeatIntervalMs = 1000,
        }).Build();
        consumer.Subscribe("connected");
        await producer.ProduceAsync("connected", new Message<string, string> { Key = "k", Value = "v" });
        var first = consumer.Consume(TimeSpan.FromSeconds(15));
        Assert.NotNull(first);

        cluster.Dispose();
        cluster.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cluster.SetBrokerDown(1));
        Assert.Empty(PortsOf(bootstrap).Intersect(ListeningTcpPorts()));
        var refused = Assert.ThrowsAny<SocketException>(() => new TcpClient().Connect("127.0.0.1", PortsOf(bootstrap).First()));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        var lost = await Assert.ThrowsAsync<ProduceException<string, string>>(() =>
            producer.ProduceAsync("connected", new Message<string, string> { Key = "k", Value = "v" }));
        Assert.Equal(ErrorCode.Local_MsgTimedOut, lost.Error.Code);
    }

    private static IEnumerable<int> PortsOf(string bootstrapServers) =>
        bootstrapServers.Split(',').Select(e => int.Parse(e[(e.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture));

    private static HashSet<int> ListeningTcpPorts()
    {
        const string listen = "0A";
        var result = new HashSet<int>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields[3] == listen)
                {
                    result.Add(int.Parse(fields[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
        }

        return result;
    }

    private static int CurrentThreadCount()
    {
        using var process = Process.GetCurrentProcess();
        return process.Threads.Count;
    }
}
