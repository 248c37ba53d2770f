namespace SignupEmail.EmailNode.Consuming;

/// <summary>
/// The circuit breaker in front of mail delivery, shared by every partition of the node
/// (<c>Email:Kafka:CircuitBreaker</c>): after <see cref="MaxFailures"/> transient delivery failures
/// in a row it opens, and for <see cref="ResetTimeout"/> no partition tries the server; then one
/// probe goes through, and its outcome closes or re-opens the breaker.
/// </summary>
public sealed record CircuitBreakerOptions
{
    /// <summary>Transient delivery failures in a row that open the breaker (<c>MaxFailures</c>).</summary>
    public int MaxFailures { get; init; } = 5;

    /// <summary>How long the breaker stays open before it lets one probe through (<c>ResetTimeout</c>).</summary>
    public TimeSpan ResetTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
