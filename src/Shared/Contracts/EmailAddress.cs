using System.Net.Mail;
using System.Text.RegularExpressions;

namespace SignupEmail.Shared.Contracts;

/// <summary>The one rule for what counts as an e-mail address, and how one appears in logs.</summary>
public static partial class EmailAddress
{
    /// <summary>Longest address SMTP can carry (RFC 5321: 256-octet path minus the angle brackets).</summary>
    public const int MaxLength = 254;

    /// <summary>
    /// True for a single plain address (<c>local@domain</c>): no display name, no list, no white
    /// space or control characters, at most <see cref="MaxLength"/> characters.
    /// </summary>
    public static bool IsValid(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in address)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        // MailAddress also accepts "Name <a@b>" and trims; requiring the parsed address to equal the
        // input rejects both, so what we store is exactly what we send to.
        return MailAddress.TryCreate(address, out var parsed)
            && string.Equals(parsed.Address, address, StringComparison.Ordinal)
            && parsed.DisplayName.Length == 0
            && parsed.User.Length > 0
            && parsed.Host.Length > 0;
    }

    /// <summary>
    /// Masks an address for logs: the first character of the local part, then <c>***</c>, then the
    /// domain (<c>kim@example.com</c> → <c>k***@example.com</c>). Keeps enough to correlate with a
    /// mail provider's logs without writing personal data into ours. Never throws.
    /// </summary>
    public static string Mask(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return string.Empty;
        }

        var at = address.LastIndexOf('@');
        if (at < 0)
        {
            return "***";
        }

        var domain = address[(at + 1)..];
        return at == 0
            ? "***@" + domain
            : string.Concat(address.AsSpan(0, char.IsSurrogate(address[0]) && at > 1 ? 2 : 1), "***@", domain);
    }

    /// <summary>
    /// Masks every address found inside free text, such as an SMTP server's reply
    /// (<c>550 &lt;kim@example.com&gt;: unknown user</c> → <c>550 &lt;k***@example.com&gt;: unknown user</c>),
    /// before the text reaches a log.
    /// </summary>
    public static string MaskWithin(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : AddressInText().Replace(text, match => Mask(match.Value));

    [GeneratedRegex(@"[^\s<>""'(),;:\[\]]+@[^\s<>""'(),;:\[\]]+", RegexOptions.CultureInvariant)]
    private static partial Regex AddressInText();
}
