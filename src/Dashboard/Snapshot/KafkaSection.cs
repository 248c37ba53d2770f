namespace SignupEmail.Dashboard.Snapshot;

/// <summary>The course diagram: brokers and, per topic partition, its leader, replicas and in-sync replicas.</summary>
public sealed record KafkaSection(int? ControllerId, IReadOnlyList<BrokerState> Brokers, IReadOnlyList<TopicState> Topics);

/// <summary>A broker; <see cref="State"/> is <c>up</c>, or <c>down</c> when the dashboard stopped it.</summary>
public sealed record BrokerState(int Id, string Host, int Port, string State);

/// <summary>A topic; <see cref="Role"/> is <c>signups</c> or <c>dead-letters</c>.</summary>
public sealed record TopicState(string Name, string Role, IReadOnlyList<PartitionState> Partitions);

/// <summary>One partition's replica set; <see cref="Leader"/> is -1 when it has none.</summary>
public sealed record PartitionState(int Partition, int Leader, IReadOnlyList<int> Replicas, IReadOnlyList<int> Isr);
