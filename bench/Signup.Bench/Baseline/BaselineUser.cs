namespace SignupEmail.Signup.Bench.Baseline;

/// <summary>The row the baseline inserts: what the node's <c>UserRegistered</c> event carries.</summary>
internal sealed record BaselineUser(
    string UserId,
    string Email,
    string NormalizedEmail,
    string Name,
    string Locale,
    string PasswordHash,
    DateTimeOffset RegisteredAt);
