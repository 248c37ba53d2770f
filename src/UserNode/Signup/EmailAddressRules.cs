using System.Globalization;

namespace SignupEmail.UserNode.Signup;

/// <summary>
/// What this service accepts as an e-mail address: a plain <c>local@domain</c>, no display name,
/// quoted local part, comments or whitespace. Deliberately stricter than RFC 5322: addresses that
/// need those forms are vanishingly rare and are where header-injection and spoofing bugs live.
/// </summary>
internal static class EmailAddressRules
{
    public const int MaxLength = 254; // RFC 5321 path limit
    public const int MaxLocalPartLength = 64;

    /// <summary>The problems of an already trimmed address; empty when it is acceptable.</summary>
    public static List<string> Check(string email)
    {
        var problems = new List<string>();
        if (email.Length == 0)
        {
            problems.Add("is required.");
            return problems;
        }

        if (email.Length > MaxLength)
        {
            problems.Add($"must be at most {MaxLength} characters.");
        }

        if (email.Any(IsForbidden))
        {
            problems.Add("must not contain spaces, quotes, angle brackets, commas or control characters (a plain address, no display name).");
        }

        var at = email.Count(c => c == '@');
        if (at != 1)
        {
            problems.Add("must contain exactly one '@'.");
            return problems;
        }

        var split = email.IndexOf('@', StringComparison.Ordinal);
        var local = email[..split];
        var domain = email[(split + 1)..];
        if (local.Length == 0 || domain.Length == 0)
        {
            problems.Add("needs a name before and a domain after the '@'.");
        }
        else
        {
            if (local.Length > MaxLocalPartLength)
            {
                problems.Add($"must have at most {MaxLocalPartLength} characters before the '@'.");
            }

            if (domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..", StringComparison.Ordinal))
            {
                problems.Add("must have a domain without empty labels.");
            }
        }

        return problems;
    }

    /// <summary>The identity form: lower-cased, culture-independent.</summary>
    public static string Normalize(string trimmedEmail) => trimmedEmail.ToLowerInvariant();

    private static bool IsForbidden(char c) =>
        char.IsWhiteSpace(c)
        || char.IsControl(c)
        || c is '"' or '<' or '>' or '(' or ')' or ',' or ';' or ':' or '\\' or '[' or ']'
        || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
