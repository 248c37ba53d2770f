namespace SignupEmail.UserNode.Signup;

/// <summary>A signup that passed every rule: trimmed and normalized, ready to hash and register.</summary>
internal sealed record ValidSignup(string Email, string NormalizedEmail, string Name, string Password, string Locale)
{
    public override string ToString() => "ValidSignup { … }"; // never print a password
}
