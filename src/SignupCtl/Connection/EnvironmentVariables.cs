namespace SignupEmail.SignupCtl.Connection;

/// <summary>Where signupctl reads its <c>SIGNUPCTL_*</c> variables: the process environment, or a test's dictionary.</summary>
internal sealed class EnvironmentVariables(Func<string, string?> read)
{
    public static EnvironmentVariables Process { get; } = new(Environment.GetEnvironmentVariable);

    public static EnvironmentVariables Of(IReadOnlyDictionary<string, string> values) =>
        new(name => values.GetValueOrDefault(name));

    public string? this[string name] => read(name) is { Length: > 0 } value ? value : null;
}
