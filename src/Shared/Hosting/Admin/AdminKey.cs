using System.Security.Cryptography;
using System.Text;

namespace SignupEmail.Shared.Hosting.Admin;

/// <summary>
/// The key a node's <c>/admin</c> routes require in <see cref="HeaderName"/>. An empty key turns the
/// admin API off: its routes then answer 404, as if they did not exist.
/// </summary>
public sealed class AdminKey
{
    /// <summary>The request header that carries the key.</summary>
    public const string HeaderName = "X-Admin-Key";

    /// <summary>Shortest accepted key: anything shorter is guessable.</summary>
    public const int MinLength = 16;

    // Only the hash is kept, so comparing takes the same time whatever the supplied key's length.
    private readonly byte[]? _hash;

    /// <summary>Creates the key; empty or null means the admin API is off.</summary>
    public AdminKey(string? key) =>
        _hash = string.IsNullOrEmpty(key) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>True when a key is configured, so the admin routes exist.</summary>
    public bool IsEnabled => _hash is not null;

    /// <summary>True when <paramref name="supplied"/> is the key; compared in constant time.</summary>
    public bool Matches(string? supplied) =>
        _hash is not null
        && !string.IsNullOrEmpty(supplied)
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(supplied)), _hash);

    /// <summary>Why <paramref name="key"/> (from configuration key <paramref name="configurationKey"/>) cannot be used, or null.</summary>
    public static string? Problem(string configurationKey, string? key) =>
        key is { Length: > 0 and < MinLength }
            ? $"{configurationKey} must be at least {MinLength} characters (or empty to turn the admin API off)."
            : null;
}
