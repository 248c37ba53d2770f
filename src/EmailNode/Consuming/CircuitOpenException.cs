namespace SignupEmail.EmailNode.Consuming;

/// <summary>A delivery was not tried because the circuit breaker is open; a transient failure.</summary>
public sealed class CircuitOpenException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CircuitOpenException(TimeSpan retryAfter)
        : base($"Mail delivery is paused by the circuit breaker; next try in {retryAfter.TotalMilliseconds:0} ms.")
    {
        RetryAfter = retryAfter;
    }

    /// <summary>Creates the exception.</summary>
    public CircuitOpenException()
        : this(TimeSpan.Zero)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CircuitOpenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CircuitOpenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How long until the breaker lets a probe through.</summary>
    public TimeSpan RetryAfter { get; }
}
