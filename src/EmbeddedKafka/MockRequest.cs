namespace SignupEmail.EmbeddedKafka;

/// <summary>One protocol request a mock broker received while request tracking was on.</summary>
/// <param name="BrokerId">The broker that received it (1-based).</param>
/// <param name="ApiKey">The request type. Types without a name here keep their numeric value.</param>
/// <param name="MonotonicMicroseconds">librdkafka's monotonic clock when it arrived: good for ordering and intervals, not a wall-clock time.</param>
public sealed record MockRequest(int BrokerId, KafkaApiKey ApiKey, long MonotonicMicroseconds);
