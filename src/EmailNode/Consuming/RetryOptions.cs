namespace SignupEmail.EmailNode.Consuming;

/// <summary>
/// How a record whose handling failed is retried (<c>Email:Kafka:Retry</c>). Retries hold only the
/// record's partition: its sub-stream does not move on, so backpressure pauses that partition alone.
/// </summary>
public sealed record RetryOptions
{
    /// <summary>Wait before the second attempt; doubles per attempt (<c>MinBackoff</c>).</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between two attempts (<c>MaxBackoff</c>).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Jitter: each wait is stretched by up to this fraction, so partitions do not retry in lockstep (<c>RandomFactor</c>).</summary>
    public double RandomFactor { get; init; } = 0.2;

    /// <summary>
    /// Attempts for a known transient failure (SMTP unreachable or 4xx, database unavailable) before
    /// the record is dead-lettered; 0, the default, retries until it succeeds, so an outage never
    /// spills the backlog into the dead-letter topic (<c>TransientMaxAttempts</c>).
    /// </summary>
    public int TransientMaxAttempts { get; init; }

    /// <summary>Attempts for a failure of an unknown kind before the record is dead-lettered (<c>UnknownMaxAttempts</c>).</summary>
    public int UnknownMaxAttempts { get; init; } = 5;

    /// <summary>
    /// The wait after failed attempt number <paramref name="attempt"/> (1-based): exponential from
    /// <see cref="MinBackoff"/>, capped at <see cref="MaxBackoff"/>, plus up to <see cref="RandomFactor"/> jitter.
    /// </summary>
    /// <param name="attempt">The attempt that just failed, from 1.</param>
    /// <param name="random">A number in [0, 1) for the jitter.</param>
    public TimeSpan BackoffAfter(int attempt, double random)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ticks = Math.Min(MaxBackoff.Ticks, MinBackoff.Ticks * Math.Pow(2, exponent));
        return TimeSpan.FromTicks((long)(ticks * (1 + (RandomFactor * Math.Clamp(random, 0, 1)))));
    }
}
