using System.Runtime.InteropServices;
using Confluent.Kafka;
using SignupEmail.EmbeddedKafka.Native;

namespace SignupEmail.EmbeddedKafka;

/// <summary>
/// A Kafka cluster of N brokers inside this process, built on librdkafka's mock cluster. It speaks
/// the real Kafka wire protocol on <c>127.0.0.1</c> ports, so any Kafka client (Confluent.Kafka,
/// kcat, another process) can use <see cref="BootstrapServers"/>. Data lives in memory only.
/// </summary>
/// <remarks>
/// <para>Limits worth knowing (measured, see <c>shared/KAFKA-MOCK.md</c>): each partition keeps only
/// about 5 MiB and silently drops older data; rebalances after the first wait about
/// <c>session.timeout.ms</c>; CreateTopics and DescribeConsumerGroups are not supported, so topics
/// are made with <see cref="CreateTopic"/>.</para>
/// <para>All members are thread-safe. Dispose it after, or while, clients are connected: they see
/// the brokers disappear.</para>
/// </remarks>
public sealed class EmbeddedKafkaCluster : IDisposable
{
    /// <summary>Broker id that the fault-injection methods read as "every broker".</summary>
    public const int AllBrokers = -1;

    private readonly MockClusterHandle _handle;

    private EmbeddedKafkaCluster(MockClusterHandle handle, int brokerCount, string bootstrapServers)
    {
        _handle = handle;
        BrokerCount = brokerCount;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>Number of brokers; their ids run from 1 to this number.</summary>
    public int BrokerCount { get; }

    /// <summary>Comma-separated <c>host:port</c> list of every broker, for <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Starts a cluster on fresh loopback ports.</summary>
    /// <param name="brokerCount">How many brokers (1 or more).</param>
    /// <param name="initialRebalanceDelay">How long a new consumer group waits for more members
    /// before its first assignment. librdkafka's default is 3 s; tests want it short.</param>
    public static EmbeddedKafkaCluster Start(int brokerCount = 3, TimeSpan? initialRebalanceDelay = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);

        var handle = MockClusterHandle.Create(brokerCount);
        try
        {
            var bootstrap = Marshal.PtrToStringUTF8(LibRdKafka.rd_kafka_mock_cluster_bootstraps(handle.DangerousGetHandle()))
                ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
            var cluster = new EmbeddedKafkaCluster(handle, brokerCount, bootstrap);

            // Admin DescribeCluster/DescribeTopics wait for a controller forever without this.
            Check(LibRdKafka.rd_kafka_mock_set_controller_id(handle.DangerousGetHandle(), 1), "set controller");
            if (initialRebalanceDelay is { } delay)
            {
                Check(
                    LibRdKafka.rd_kafka_mock_group_initial_rebalance_delay_ms(handle.DangerousGetHandle(), ToMilliseconds(delay)),
                    "set initial rebalance delay");
            }

            return cluster;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates a topic and spreads its partition leaders over the brokers (partition p led by broker
    /// <c>p % BrokerCount + 1</c>), so that a cluster of 3 brokers gives 3 partitions 3 different leaders.
    /// </summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicationFactor, BrokerCount);

        Use(mc => Check(LibRdKafka.rd_kafka_mock_topic_create(mc, topic, partitions, replicationFactor), $"create topic '{topic}'"));
        for (var partition = 0; partition < partitions; partition++)
        {
            SetPartitionLeader(topic, partition, partition % BrokerCount + 1);
        }
    }

    /// <summary>Moves a partition's leadership to <paramref name="brokerId"/>; -1 leaves it without a leader.</summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Use(mc => Check(
            LibRdKafka.rd_kafka_mock_partition_set_leader(mc, topic, partition, brokerId),
            $"set leader of {topic}[{partition}] to broker {brokerId}"));

    /// <summary>
    /// Disconnects a broker (or <see cref="AllBrokers"/>) and refuses new connections. Leadership
    /// does not move: partitions it leads are unavailable until <see cref="SetBrokerUp"/>.
    /// </summary>
    public void SetBrokerDown(int brokerId) =>
        Use(mc => Check(LibRdKafka.rd_kafka_mock_broker_set_down(mc, RequireBroker(brokerId)), $"take broker {brokerId} down"));

    /// <summary>Lets a broker (or <see cref="AllBrokers"/>) accept connections again.</summary>
    public void SetBrokerUp(int brokerId) =>
        Use(mc => Check(LibRdKafka.rd_kafka_mock_broker_set_up(mc, RequireBroker(brokerId)), $"bring broker {brokerId} up"));

    /// <summary>Delays every response of a broker (or <see cref="AllBrokers"/>) by <paramref name="latency"/>.</summary>
    public void SetBrokerLatency(int brokerId, TimeSpan latency) =>
        Use(mc => Check(
            LibRdKafka.rd_kafka_mock_broker_set_rtt(mc, RequireBroker(brokerId), ToMilliseconds(latency)),
            $"set latency of broker {brokerId}"));

    /// <summary>
    /// Makes the next <c>errors.Length</c> requests of type <paramref name="apiKey"/>, on any broker,
    /// fail with these error codes, in order. <see cref="ErrorCode.Local_Transport"/> makes the broker
    /// drop the connection instead of answering.
    /// </summary>
    public void PushRequestErrors(KafkaApiKey apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var codes = Array.ConvertAll(errors, e => (int)e);
        Use(mc => LibRdKafka.rd_kafka_mock_push_request_errors_array(mc, (short)apiKey, (nuint)codes.Length, codes));
    }

    /// <summary>Forgets errors pushed for <paramref name="apiKey"/> that have not fired yet.</summary>
    public void ClearRequestErrors(KafkaApiKey apiKey) =>
        Use(mc => LibRdKafka.rd_kafka_mock_clear_request_errors(mc, (short)apiKey));

    /// <summary>
    /// Makes <paramref name="brokerId"/> the controller that metadata answers name (broker 1 from the
    /// start). Admin DescribeCluster/DescribeTopics wait for the controller, so a controller that is set
    /// down must be moved, as a real cluster would elect another.
    /// </summary>
    public void SetControllerId(int brokerId) =>
        Use(mc => Check(LibRdKafka.rd_kafka_mock_set_controller_id(mc, RequireBroker(brokerId)), $"make broker {brokerId} the controller"));

    /// <summary>Makes <paramref name="brokerId"/> the coordinator of consumer group <paramref name="groupId"/>.</summary>
    public void SetGroupCoordinator(string groupId, int brokerId) =>
        Use(mc => Check(LibRdKafka.rd_kafka_mock_coordinator_set(mc, "group", groupId, brokerId), $"set coordinator of group '{groupId}'"));

    /// <summary>Starts recording every request the brokers receive (see <see cref="GetRequests"/>).</summary>
    public void StartRequestTracking() => Use(LibRdKafka.rd_kafka_mock_start_request_tracking);

    /// <summary>
    /// Stops recording requests. Unlike its header comment says, librdkafka 2.16 also discards what
    /// was recorded: call <see cref="GetRequests"/> first.
    /// </summary>
    public void StopRequestTracking() => Use(LibRdKafka.rd_kafka_mock_stop_request_tracking);

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests() => Use(LibRdKafka.rd_kafka_mock_clear_requests);

    /// <summary>The requests recorded since tracking started or was last cleared, oldest first.</summary>
    public IReadOnlyList<MockRequest> GetRequests()
    {
        var result = new List<MockRequest>();
        Use(mc =>
        {
            var array = LibRdKafka.rd_kafka_mock_get_requests(mc, out var count);
            if (array == IntPtr.Zero)
            {
                return;
            }

            try
            {
                for (var i = 0; i < (int)count; i++)
                {
                    var request = Marshal.ReadIntPtr(array, i * IntPtr.Size);
                    result.Add(new MockRequest(
                        LibRdKafka.rd_kafka_mock_request_id(request),
                        (KafkaApiKey)LibRdKafka.rd_kafka_mock_request_api_key(request),
                        LibRdKafka.rd_kafka_mock_request_timestamp(request)));
                }
            }
            finally
            {
                LibRdKafka.rd_kafka_mock_request_destroy_array(array, count);
            }
        });
        return result;
    }

    /// <summary>Stops every broker and frees the native cluster. Safe to call more than once.</summary>
    public void Dispose() => _handle.Dispose();

    private int RequireBroker(int brokerId)
    {
        if (brokerId != AllBrokers && (brokerId < 1 || brokerId > BrokerCount))
        {
            throw new ArgumentOutOfRangeException(nameof(brokerId), brokerId, $"Broker ids run from 1 to {BrokerCount}, or -1 for all.");
        }

        return brokerId;
    }

    // Keeps the native cluster alive for the length of the call even if another thread disposes it.
    private void Use(Action<IntPtr> call)
    {
        var added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            call(_handle.DangerousGetHandle());
        }
        catch (ObjectDisposedException)
        {
            throw new ObjectDisposedException(nameof(EmbeddedKafkaCluster));
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    private static void Check(int errorCode, string what)
    {
        if (errorCode != 0)
        {
            throw new KafkaException(new Error((ErrorCode)errorCode, $"Embedded Kafka could not {what}: {(ErrorCode)errorCode}."));
        }
    }

    private static int ToMilliseconds(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
        return checked((int)value.TotalMilliseconds);
    }
}
