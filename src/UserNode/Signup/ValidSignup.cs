namespace SignupEmail.UserNode.Signup;

/// <summary>A signup that passed every rule, ready to hash and register.</summary>
/// <param name="Email">The address in canonical form (<see cref="Shared.Contracts.EmailAddress.TryCanonicalize"/>): stored, shown and mailed to.</param>
/// <param name="NormalizedEmail">Its identity (<see cref="Shared.Contracts.EmailAddress.Identity"/>), from which the user id is derived.</param>
/// <param name="Name">Display name, trimmed.</param>
/// <param name="Password">The password; only ever hashed.</param>
/// <param name="Locale"><c>ko</c> or <c>en</c>.</param>
internal sealed record ValidSignup(string Email, string NormalizedEmail, string Name, string Password, string Locale)
{
    public override string ToString() => "ValidSignup { … }"; // never print a password
}
