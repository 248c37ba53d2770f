namespace SignupEmail.Dashboard.Sources;

// What the Email node's admin API answers (docs/admin-api.md), only the fields the dashboard shows.

/// <summary><c>GET /admin/kafka/topics</c>.</summary>
internal sealed record TopicsView(IReadOnlyList<BrokerView> Brokers, int? ControllerId, IReadOnlyList<TopicView> Topics);

/// <summary>One broker in <see cref="TopicsView"/>.</summary>
internal sealed record BrokerView(int Id, string Host, int Port);

/// <summary>One topic in <see cref="TopicsView"/>.</summary>
internal sealed record TopicView(string Name, IReadOnlyList<PartitionView> Partitions);

/// <summary>One partition's replica set in <see cref="TopicView"/>.</summary>
internal sealed record PartitionView(int Partition, int Leader, IReadOnlyList<int> Replicas, IReadOnlyList<int> Isr);

/// <summary><c>GET /admin/kafka/lag</c>.</summary>
internal sealed record LagView(string GroupId, IReadOnlyList<PartitionLagView> Partitions, long TotalLag);

/// <summary>One partition in <see cref="LagView"/>.</summary>
internal sealed record PartitionLagView(int Partition, long? Committed, long End, long Lag);

/// <summary><c>GET /admin/consumer</c>.</summary>
internal sealed record ConsumerView(string GroupId, bool Running, CircuitView Circuit, IReadOnlyList<ConsumerPartitionView> Partitions);

/// <summary>The delivery circuit in <see cref="ConsumerView"/>.</summary>
internal sealed record CircuitView(string State);

/// <summary>One assigned partition in <see cref="ConsumerView"/>.</summary>
internal sealed record ConsumerPartitionView(string Topic, int Partition, string State);

/// <summary><c>GET /admin/dead-letters?newest=N</c>.</summary>
internal sealed record DeadLettersView(IReadOnlyList<DeadLetterView> Items);

/// <summary>One record of the dead-letter topic in <see cref="DeadLettersView"/>.</summary>
internal sealed record DeadLetterView(
    int Partition, long Offset, DateTimeOffset Timestamp, string? EventId, IReadOnlyDictionary<string, string>? Headers);
