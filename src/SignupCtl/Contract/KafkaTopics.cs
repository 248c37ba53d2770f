namespace SignupEmail.SignupCtl.Contract;

/// <summary>
/// <c>GET /admin/kafka/topics</c>: live metadata of the signup topic and its dead-letter topic;
/// <c>ControllerId</c> is null when the cluster names none.
/// </summary>
internal sealed record KafkaTopics(IReadOnlyList<KafkaBroker> Brokers, int? ControllerId, IReadOnlyList<KafkaTopic> Topics);

/// <summary>One broker of <see cref="KafkaTopics"/>.</summary>
internal sealed record KafkaBroker(int Id, string Host, int Port);

/// <summary>One topic of <see cref="KafkaTopics"/>.</summary>
internal sealed record KafkaTopic(string Name, IReadOnlyList<KafkaPartition> Partitions);

/// <summary>One partition of <see cref="KafkaTopic"/>: its leader broker (-1 for none), replicas and in-sync replicas.</summary>
internal sealed record KafkaPartition(int Partition, int Leader, IReadOnlyList<int> Replicas, IReadOnlyList<int> Isr)
{
    /// <summary>What <c>Leader</c> is for a partition without a leader.</summary>
    public const int NoLeader = -1;
}
