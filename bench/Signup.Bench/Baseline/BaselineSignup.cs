namespace SignupEmail.Signup.Bench.Baseline;

/// <summary>The body the baseline accepts: the node's <c>POST /api/users</c> shape.</summary>
internal sealed record BaselineSignup(string? Email, string? Name, string? Password, string? Locale);
