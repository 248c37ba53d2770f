using System.Runtime.InteropServices;
using System.Text;

namespace SignupEmail.EmbeddedKafka.Native;

/// <summary>
/// Owns the two native objects behind one mock cluster: the bare <c>rd_kafka_t</c> that librdkafka
/// requires as the cluster's owner, and the cluster itself. Releasing destroys them in the only
/// safe order (cluster first), also when a caller forgot to dispose.
/// </summary>
internal sealed class MockClusterHandle : SafeHandle
{
    private const int ProducerType = 0;
    private IntPtr _owner;

    public MockClusterHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    public static MockClusterHandle Create(int brokerCount)
    {
        LibRdKafkaResolver.EnsureRegistered();

        var owner = CreateOwnerClient();
        var cluster = LibRdKafka.rd_kafka_mock_cluster_new(owner, brokerCount);
        if (cluster == IntPtr.Zero)
        {
            LibRdKafka.rd_kafka_destroy(owner);
            throw new InvalidOperationException($"rd_kafka_mock_cluster_new failed for {brokerCount} brokers.");
        }

        var result = new MockClusterHandle { _owner = owner };
        result.SetHandle(cluster);
        return result;
    }

    protected override bool ReleaseHandle()
    {
        LibRdKafka.rd_kafka_mock_cluster_destroy(handle);
        LibRdKafka.rd_kafka_destroy(_owner);
        _owner = IntPtr.Zero;
        return true;
    }

    private static IntPtr CreateOwnerClient()
    {
        var errors = new byte[512];
        var conf = LibRdKafka.rd_kafka_conf_new();

        // The owner never talks to a broker; keep it from logging about its empty bootstrap list.
        if (LibRdKafka.rd_kafka_conf_set(conf, "log_level", "0", errors, (nuint)errors.Length) != 0)
        {
            LibRdKafka.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException("rd_kafka_conf_set(log_level) failed: " + Decode(errors));
        }

        var owner = LibRdKafka.rd_kafka_new(ProducerType, conf, errors, (nuint)errors.Length);
        if (owner == IntPtr.Zero)
        {
            // On failure rd_kafka_new leaves the configuration with us.
            LibRdKafka.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException("rd_kafka_new failed: " + Decode(errors));
        }

        return owner;
    }

    private static string Decode(byte[] buffer)
    {
        var length = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, length < 0 ? buffer.Length : length);
    }
}
