namespace SignupEmail.UserNode.Signup;

/// <summary>The raw string fields of a signup body, before validation; <c>null</c> when absent or JSON null.</summary>
internal sealed record SignupFields(string? Email, string? Name, string? Password, string? Locale)
{
    public override string ToString() => "SignupFields { … }"; // never print a password
}
