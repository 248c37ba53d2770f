namespace SignupEmail.Dashboard.Sources;

/// <summary>The outcome of one bounded read of a node: its value, or why there is none.</summary>
/// <typeparam name="T">What was read.</typeparam>
internal sealed record SourceRead<T>(T? Value, SourceError? Error)
    where T : class
{
    public static SourceRead<T> Ok(T value) => new(value, null);

    public static SourceRead<T> Failed(string source, string message) => new(null, new SourceError(source, message));
}
