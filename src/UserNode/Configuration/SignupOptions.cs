namespace SignupEmail.UserNode.Configuration;

/// <summary>The HTTP signup API (<c>UserNode:Signup</c>).</summary>
public sealed class SignupOptions
{
    /// <summary>How long a request waits for the user's entity before answering 503.</summary>
    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><c>Retry-After</c> (seconds) sent with 503.</summary>
    public int RetryAfterSeconds { get; set; } = 2;

    /// <summary>PBKDF2 iterations of the password hasher: Identity's default is 100 000 (~52 ms here); benchmarks lower it.</summary>
    public int PasswordHashIterations { get; set; } = 100_000;

    /// <summary>
    /// How long after a registration a retry with the same <c>Idempotency-Key</c> (and the same
    /// password, name and locale) gets the first answer again instead of 409.
    /// </summary>
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Per-client request budget (<c>UserNode:Signup:RateLimit</c>).</summary>
    public RateLimitOptions RateLimit { get; set; } = new();
}
