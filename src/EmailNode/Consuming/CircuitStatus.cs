namespace SignupEmail.EmailNode.Consuming;

/// <summary>What the <see cref="DeliveryCircuitBreaker"/> is doing, as the admin API shows it.</summary>
/// <param name="State">Closed, open or half-open.</param>
/// <param name="ConsecutiveFailures">Transient delivery failures since the last answer from the server.</param>
/// <param name="OpenedAt">When it last opened; null while closed.</param>
public sealed record CircuitStatus(CircuitState State, int ConsecutiveFailures, DateTimeOffset? OpenedAt);
