namespace SignupEmail.UserNode.Signup;

/// <summary>
/// The optional <c>Idempotency-Key</c> request header (IETF httpapi draft): a client that sends one
/// may retry a signup whose answer it never got, or got as 503, and receives the first answer again
/// instead of 409.
/// </summary>
internal static class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";

    /// <summary>Longest key taken; a UUID needs 36 characters.</summary>
    public const int MaxLength = 128;

    /// <summary>
    /// The key (quotes of the draft's structured-field form removed), <c>null</c> without the header,
    /// or a problem for the 400 answer.
    /// </summary>
    public static (string? Key, string? Problem) Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValue(Name, out var values))
        {
            return (null, null);
        }

        if (values.Count != 1)
        {
            return (null, "must be sent once.");
        }

        var key = values[0] ?? string.Empty;
        if (key.Length >= 2 && key[0] == '"' && key[^1] == '"')
        {
            key = key[1..^1];
        }

        return key.Length is 0 or > MaxLength || key.Any(c => c is < '!' or > '~' || c == '"')
            ? (null, $"must be 1 to {MaxLength} visible ASCII characters, such as a UUID.")
            : (key, null);
    }
}
