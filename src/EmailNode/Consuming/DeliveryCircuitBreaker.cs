namespace SignupEmail.EmailNode.Consuming;

/// <summary>
/// One breaker for the node's mail delivery, shared by all partitions: when the server is down, the
/// partitions' retries do not each keep knocking on it. Only transient failures count (a permanent
/// 5xx is an answer from a working server). Thread-safe.
/// </summary>
/// <param name="options">Failures to open and the reset timeout.</param>
/// <param name="time">Clock.</param>
/// <param name="logger">State changes are logged.</param>
public sealed partial class DeliveryCircuitBreaker(CircuitBreakerOptions options, TimeProvider time, ILogger<DeliveryCircuitBreaker> logger)
{
    private readonly Lock _lock = new();
    private CircuitState _state = CircuitState.Closed;
    private int _failures;
    private long _openedAt;
    private DateTimeOffset? _openedAtUtc;
    private int _timesOpened;

    /// <summary>The current state.</summary>
    public CircuitState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>State, consecutive transient failures and when it opened, read together.</summary>
    public CircuitStatus Status
    {
        get
        {
            lock (_lock)
            {
                return new CircuitStatus(_state, _failures, _state == CircuitState.Closed ? null : _openedAtUtc);
            }
        }
    }

    /// <summary>How often the breaker opened since the node started.</summary>
    public int TimesOpened => Volatile.Read(ref _timesOpened);

    /// <summary>
    /// Asks to try a delivery. True when closed, or when open for longer than the reset timeout (the
    /// caller is the one probe, and must report its outcome). Otherwise false, with the wait until
    /// the next probe may go.
    /// </summary>
    public bool TryAcquire(out TimeSpan retryAfter)
    {
        lock (_lock)
        {
            retryAfter = TimeSpan.Zero;
            switch (_state)
            {
                case CircuitState.Closed:
                    return true;
                case CircuitState.Open:
                    var remaining = options.ResetTimeout - time.GetElapsedTime(_openedAt);
                    if (remaining <= TimeSpan.Zero)
                    {
                        _state = CircuitState.HalfOpen;
                        return true;
                    }

                    retryAfter = remaining;
                    return false;
                default:
                    // A probe is out; its outcome decides. Check back in a fraction of the reset timeout.
                    retryAfter = options.ResetTimeout / 4;
                    return false;
            }
        }
    }

    /// <summary>A delivery got an answer from the server (accepted, or permanently refused).</summary>
    public void RecordSuccess()
    {
        lock (_lock)
        {
            if (_state != CircuitState.Closed)
            {
                LogClosed(logger);
            }

            _state = CircuitState.Closed;
            _failures = 0;
        }
    }

    /// <summary>A delivery failed transiently (server unreachable, 4xx, timeout).</summary>
    public void RecordFailure()
    {
        lock (_lock)
        {
            _failures++;
            if (_state == CircuitState.HalfOpen || (_state == CircuitState.Closed && _failures >= options.MaxFailures))
            {
                _state = CircuitState.Open;
                _openedAt = time.GetTimestamp();
                _openedAtUtc = time.GetUtcNow();
                _timesOpened++;
                LogOpened(logger, _failures, options.ResetTimeout);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail delivery circuit breaker opened after {Failures} transient failures in a row; next probe in {ResetTimeout}")]
    private static partial void LogOpened(ILogger logger, int failures, TimeSpan resetTimeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail delivery circuit breaker closed: the server answers again")]
    private static partial void LogClosed(ILogger logger);
}
