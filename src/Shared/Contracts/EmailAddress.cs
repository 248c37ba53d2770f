using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SignupEmail.Shared.Contracts;

/// <summary>The one rule for what counts as an e-mail address, its canonical form, and how one appears in logs.</summary>
/// <remarks>
/// <para>The User service accepts, stores and publishes exactly what this rule accepts, and the Email
/// service decodes with the same rule, so an address that got a 201 is one the Email service can send to.</para>
/// <para>Accepted: a plain <c>local@domain</c>. The local part is a dot-atom (RFC 5322 §3.2.3): atoms of
/// letters, digits and <c>!#$%&amp;'*+-/=?^_`{|}~</c>, joined by single dots, none first or last; letters,
/// marks and digits outside ASCII are allowed too (RFC 6532, e.g. <c>김민지@example.com</c>). The domain is
/// a host name or an internationalized domain name (IDNA2008/UTS #46). No quoted local parts, display
/// names, comments or address literals: deliberately stricter than RFC 5322, because addresses that need
/// those forms are vanishingly rare and are where header-injection and spoofing bugs live.</para>
/// <para>Canonical form (<see cref="TryCanonicalize"/>): the local part in Unicode NFC with its case kept
/// (RFC 5321 leaves its case to the receiving server), the domain as its lower-case IDNA A-label
/// (<c>user@例え.jp</c> → <c>user@xn--r8jz45g.jp</c>), so every spelling of one mailbox has one form, and
/// that form is plain ASCII after the '@' for every mail server, log and tool.</para>
/// </remarks>
public static partial class EmailAddress
{
    /// <summary>Longest address SMTP can carry (RFC 5321: 256-octet path minus the angle brackets), in UTF-8 bytes.</summary>
    public const int MaxLength = 254;

    /// <summary>Longest local part (RFC 5321 §4.5.3.1.1), in UTF-8 bytes.</summary>
    public const int MaxLocalPartLength = 64;

    // UTS #46 with STD3 rules: letters, digits and hyphens only, no hyphen at a label's ends, valid
    // punycode in xn-- labels; maps full-width and upper-case forms to their one spelling.
    private static readonly IdnMapping Idna = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>
    /// True for a single plain address that <see cref="TryCanonicalize"/> accepts, in canonical form or
    /// not (records published before the canonical form existed may carry a Unicode domain).
    /// </summary>
    public static bool IsValid(string? address) => TryCanonicalize(address, out _, out _);

    /// <summary>
    /// Checks <paramref name="address"/> (already trimmed: surrounding white space is a problem here) and
    /// gives its canonical form, or the problem as a sentence fragment that follows the field name
    /// (<c>"must contain exactly one '@'."</c>).
    /// </summary>
    public static bool TryCanonicalize(
        string? address, [NotNullWhen(true)] out string? canonical, [NotNullWhen(false)] out string? problem)
    {
        canonical = null;
        problem = Problem(address, out var local, out var domain);
        if (problem is not null)
        {
            return false;
        }

        var candidate = string.Concat(local, "@", domain);
        if (Encoding.UTF8.GetByteCount(candidate) > MaxLength)
        {
            problem = $"must be at most {MaxLength} bytes long (in UTF-8).";
            return false;
        }

        canonical = candidate;
        return true;
    }

    /// <summary>
    /// The identity of a canonical address: lower-cased as a whole (culture-independent). Mail
    /// providers treat local parts case-insensitively in practice, and one person must not get two
    /// accounts for <c>Kim@</c> and <c>kim@</c>; the canonical form, not this, is where mail is sent.
    /// </summary>
    public static string Identity(string canonical)
    {
        ArgumentException.ThrowIfNullOrEmpty(canonical);
        return canonical.ToLowerInvariant();
    }

    private static string? Problem(string? address, out string local, out string domain)
    {
        local = domain = string.Empty;
        if (string.IsNullOrEmpty(address))
        {
            return "is required.";
        }

        if (address.Length > MaxLength)
        {
            return $"must be at most {MaxLength} bytes long (in UTF-8).";
        }

        if (address.Any(IsForbidden))
        {
            return "must not contain spaces, quotes, angle brackets, commas or control characters (a plain address, no display name).";
        }

        var at = address.IndexOf('@', StringComparison.Ordinal);
        if (at < 0 || address.IndexOf('@', at + 1) >= 0)
        {
            return "must contain exactly one '@'.";
        }

        if (at == 0 || at == address.Length - 1)
        {
            return "needs a name before and a domain after the '@'.";
        }

        var localPart = address[..at];
        if (!IsDotAtom(localPart))
        {
            return "must have a name before the '@' made of letters, digits and !#$%&'*+-/=?^_`{|}~, with single dots between them and none first or last.";
        }

        local = localPart.Normalize(NormalizationForm.FormC);
        if (Encoding.UTF8.GetByteCount(local) > MaxLocalPartLength)
        {
            return $"must have at most {MaxLocalPartLength} bytes (in UTF-8) before the '@'.";
        }

        var domainPart = address[(at + 1)..];
        if (domainPart.Split('.').Any(label => label.Length == 0))
        {
            return "must have a domain without empty labels.";
        }

        try
        {
            domain = Idna.GetAscii(domainPart).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return "must have a domain of letters, digits and hyphens (or an internationalized domain name), with no hyphen at the start or end of a label.";
        }

        return null;
    }

    // Atoms of atext joined by single dots. Non-ASCII: letters, marks and digits only (no symbols,
    // punctuation or invisible characters that make two addresses look alike). A lone surrogate
    // enumerates as U+FFFD, a symbol, so it is refused too.
    private static bool IsDotAtom(string local)
    {
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var rune in local.EnumerateRunes())
        {
            var ok = rune.IsAscii
                ? rune.Value == '.' || IsAsciiAtext((char)rune.Value)
                : Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
                    or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                    or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                    or UnicodeCategory.DecimalDigitNumber;
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiAtext(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal);

    private static bool IsForbidden(char c) =>
        char.IsWhiteSpace(c)
        || char.IsControl(c)
        || c is '"' or '<' or '>' or '(' or ')' or ',' or ';' or ':' or '\\' or '[' or ']'
        || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

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
