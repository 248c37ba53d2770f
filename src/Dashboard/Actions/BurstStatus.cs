namespace SignupEmail.Dashboard.Actions;

/// <summary>The current or last burst: its shape and how its signups went.</summary>
public sealed record BurstStatus(bool Running, int Rate, int Seconds, DateTimeOffset? StartedAt, int Sent, BurstOutcomes Outcomes)
{
    /// <summary>No burst has run.</summary>
    public static BurstStatus None { get; } = new(false, 0, 0, null, 0, new BurstOutcomes(0, 0, 0));
}

/// <summary>Burst signups by answer: 201, 429, anything else (including no answer).</summary>
public sealed record BurstOutcomes(int Created, int RateLimited, int Failed);
