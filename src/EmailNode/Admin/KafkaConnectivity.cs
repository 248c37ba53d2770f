namespace SignupEmail.EmailNode.Admin;

/// <summary>What the last look at the Kafka cluster found.</summary>
/// <param name="Reachable">Whether a broker answered a metadata request in time.</param>
/// <param name="Brokers">How many brokers the cluster listed (0 when unreachable).</param>
/// <param name="Error">Why it was not reachable: the client's error code, never an address; null when reachable.</param>
/// <param name="CheckedAt">When the look was taken.</param>
public sealed record KafkaConnectivity(bool Reachable, int Brokers, string? Error, DateTimeOffset CheckedAt);
