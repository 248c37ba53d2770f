using System.Security.Cryptography;
using System.Text;

namespace SignupEmail.UserNode.Users;

/// <summary>
/// The user id is a name-based UUID (RFC 9562 version 8, SHA-256) of the normalized e-mail. The
/// entity is keyed by it, which makes it keyed by the normalized e-mail (one address, one id, on
/// every node, with no lookup table), while the id, not the address, is what appears in URLs, the
/// journal's persistence ids and Kafka keys. Since anyone who knows an address can compute its id, no
/// endpoint reads a user by id.
/// </summary>
public static class UserIdentity
{
    // Fixed namespace so ids are stable across versions and nodes; changing it would re-key every user.
    private static readonly byte[] Namespace = Guid.Parse("6f1c1d2e-5a7b-4e0f-9c3d-2b8a7e6d5c41").ToByteArray(bigEndian: true);

    /// <summary>The id of the user with this normalized address (<see cref="Shared.Contracts.EmailAddress.Identity"/>).</summary>
    public static string FromNormalizedEmail(string normalizedEmail)
    {
        ArgumentException.ThrowIfNullOrEmpty(normalizedEmail);
        var name = Encoding.UTF8.GetBytes(normalizedEmail);
        var input = new byte[Namespace.Length + name.Length];
        Namespace.CopyTo(input, 0);
        name.CopyTo(input, Namespace.Length);

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true).ToString("D");
    }

    /// <summary>
    /// Parses an id from a URL into its canonical form, or <c>null</c> if it is not one we could
    /// have issued (so a malformed id never wakes an entity).
    /// </summary>
    public static string? TryCanonicalize(string? userId) =>
        Guid.TryParseExact(userId, "D", out var id) && id.Version == 8 ? id.ToString("D") : null;
}
