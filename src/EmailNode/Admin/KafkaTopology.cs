namespace SignupEmail.EmailNode.Admin;

/// <summary>The cluster's brokers and the placement of some topics' partitions, as Kafka reported it.</summary>
/// <param name="Brokers">Every broker, by id.</param>
/// <param name="ControllerId">The controller broker; null when the cluster names none.</param>
/// <param name="Topics">The topics asked for, in the order asked; a topic that does not exist has no partitions.</param>
public sealed record KafkaTopology(IReadOnlyList<KafkaBroker> Brokers, int? ControllerId, IReadOnlyList<KafkaTopicPlacement> Topics);

/// <summary>One broker.</summary>
/// <param name="Id">Broker id.</param>
/// <param name="Host">Host it advertises.</param>
/// <param name="Port">Port it advertises.</param>
public sealed record KafkaBroker(int Id, string Host, int Port);

/// <summary>One topic's partitions.</summary>
/// <param name="Name">The topic.</param>
/// <param name="Partitions">Its partitions, by number.</param>
public sealed record KafkaTopicPlacement(string Name, IReadOnlyList<KafkaPartitionPlacement> Partitions);

/// <summary>Where one partition lives.</summary>
/// <param name="Partition">Partition number.</param>
/// <param name="Leader">Broker id of the leader; -1 when the partition has none.</param>
/// <param name="Replicas">Broker ids holding a replica.</param>
/// <param name="Isr">Broker ids of the in-sync replicas.</param>
public sealed record KafkaPartitionPlacement(int Partition, int Leader, IReadOnlyList<int> Replicas, IReadOnlyList<int> Isr);
