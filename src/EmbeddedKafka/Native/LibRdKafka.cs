using System.Runtime.InteropServices;

namespace SignupEmail.EmbeddedKafka.Native;

/// <summary>
/// The few librdkafka C functions the embedded cluster needs: a bare client handle to own the mock
/// cluster, and the mock API from <c>rdkafka_mock.h</c>. Signatures follow the header exactly
/// (<c>int32_t</c>, <c>int16_t</c>, <c>size_t</c>). The library name resolves to the copy
/// Confluent.Kafka already loaded; see <see cref="LibRdKafkaResolver"/>.
/// </summary>
internal static partial class LibRdKafka
{
    public const string Name = "librdkafka";

    // ----- client handle -----------------------------------------------------------------------

    [LibraryImport(Name)]
    public static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(Name)]
    public static partial void rd_kafka_conf_destroy(IntPtr conf);

    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_conf_set(IntPtr conf, string name, string value, byte[] errstr, nuint errstrSize);

    [LibraryImport(Name)]
    public static partial IntPtr rd_kafka_new(int type, IntPtr conf, byte[] errstr, nuint errstrSize);

    [LibraryImport(Name)]
    public static partial void rd_kafka_destroy(IntPtr rk);

    [LibraryImport(Name)]
    public static partial IntPtr rd_kafka_version_str();

    // ----- mock cluster ------------------------------------------------------------------------

    [LibraryImport(Name)]
    public static partial IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [LibraryImport(Name)]
    public static partial void rd_kafka_mock_cluster_destroy(IntPtr mcluster);

    [LibraryImport(Name)]
    public static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr mcluster);

    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_mock_topic_create(IntPtr mcluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_mock_partition_set_leader(IntPtr mcluster, string topic, int partition, int brokerId);

    [LibraryImport(Name)]
    public static partial int rd_kafka_mock_broker_set_down(IntPtr mcluster, int brokerId);

    [LibraryImport(Name)]
    public static partial int rd_kafka_mock_broker_set_up(IntPtr mcluster, int brokerId);

    [LibraryImport(Name)]
    public static partial int rd_kafka_mock_broker_set_rtt(IntPtr mcluster, int brokerId, int rttMs);

    [LibraryImport(Name)]
    public static partial void rd_kafka_mock_push_request_errors_array(IntPtr mcluster, short apiKey, nuint count, int[] errors);

    [LibraryImport(Name)]
    public static partial void rd_kafka_mock_clear_request_errors(IntPtr mcluster, short apiKey);

    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_mock_coordinator_set(IntPtr mcluster, string keyType, string key, int brokerId);

    [LibraryImport(Name)]
    public static partial int rd_kafka_mock_set_controller_id(IntPtr mcluster, int brokerId);

    [LibraryImport(Name)]
    public static partial int rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr mcluster, int delayMs);

    [LibraryImport(Name)]
    public static partial void rd_kafka_mock_start_request_tracking(IntPtr mcluster);

    [LibraryImport(Name)]
    public static partial void rd_kafka_mock_stop_request_tracking(IntPtr mcluster);

    [LibraryImport(Name)]
    public static partial void rd_kafka_mock_clear_requests(IntPtr mcluster);

    [LibraryImport(Name)]
    public static partial IntPtr rd_kafka_mock_get_requests(IntPtr mcluster, out nuint count);

    [LibraryImport(Name)]
    public static partial void rd_kafka_mock_request_destroy_array(IntPtr requests, nuint count);

    [LibraryImport(Name)]
    public static partial int rd_kafka_mock_request_id(IntPtr request);

    [LibraryImport(Name)]
    public static partial short rd_kafka_mock_request_api_key(IntPtr request);

    [LibraryImport(Name)]
    public static partial long rd_kafka_mock_request_timestamp(IntPtr request);
}
