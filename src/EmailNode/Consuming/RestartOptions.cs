namespace SignupEmail.EmailNode.Consuming;

/// <summary>
/// How the consuming stream is restarted after it failed (a Kafka error, a failed commit or DLT
/// write): with exponential backoff between <see cref="MinBackoff"/> and <see cref="MaxBackoff"/>
/// (<c>Email:Kafka:Restart</c>). It resumes from the last committed offsets.
/// </summary>
public sealed record RestartOptions
{
    /// <summary>Wait before the first restart (<c>MinBackoff</c>).</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between restarts (<c>MaxBackoff</c>).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Jitter of the restart backoff (<c>RandomFactor</c>).</summary>
    public double RandomFactor { get; init; } = 0.2;
}
