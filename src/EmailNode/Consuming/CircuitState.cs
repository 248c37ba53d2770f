namespace SignupEmail.EmailNode.Consuming;

/// <summary>State of the <see cref="DeliveryCircuitBreaker"/>.</summary>
public enum CircuitState
{
    /// <summary>Deliveries go through.</summary>
    Closed,

    /// <summary>Deliveries fail fast until the reset timeout has passed.</summary>
    Open,

    /// <summary>One probe delivery is under way; the others still fail fast.</summary>
    HalfOpen,
}
