using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;
using SignupEmail.Shared.Contracts;

namespace SignupEmail.UserNode.Signup;

/// <summary>Applies every signup rule and reports all failures at once, keyed by JSON field name.</summary>
internal static class SignupValidator
{
    public const int NameMaxLength = 100;
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;
    public const string DefaultLocale = "ko";

    private static readonly string[] SupportedLocales = ["ko", "en"];

    /// <summary>Either a valid signup or the problems of each invalid field.</summary>
    public static (ValidSignup? Signup, Dictionary<string, string[]> Errors) Validate(
        SignupFields fields, IList<StringWithQualityHeaderValue>? acceptLanguage)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, IEnumerable<string> problems)
        {
            var list = problems.ToArray();
            if (list.Length > 0)
            {
                errors[field] = list;
            }
        }

        // The contract's rule, so every address answered with a 201 is one the Email service can send to.
        var email = fields.Email?.Trim() ?? string.Empty;
        if (!EmailAddress.TryCanonicalize(email, out var canonicalEmail, out var emailProblem))
        {
            Fail("email", [emailProblem]);
        }

        var name = fields.Name?.Trim() ?? string.Empty;
        Fail("name", CheckName(name));

        var password = fields.Password ?? string.Empty;
        Fail("password", CheckPassword(password));

        string? locale = null;
        if (fields.Locale is { } requested)
        {
            locale = requested.Trim().ToLowerInvariant();
            if (!SupportedLocales.Contains(locale))
            {
                Fail("locale", ["must be 'ko' or 'en'."]);
            }
        }

        if (errors.Count > 0 || canonicalEmail is null)
        {
            return (null, errors);
        }

        locale ??= FromAcceptLanguage(acceptLanguage);
        return (new ValidSignup(canonicalEmail, EmailAddress.Identity(canonicalEmail), name, password, locale), errors);
    }

    /// <summary>The most preferred supported language of an <c>Accept-Language</c> header, else <c>ko</c>.</summary>
    public static string FromAcceptLanguage(IList<StringWithQualityHeaderValue>? acceptLanguage)
    {
        if (acceptLanguage is null)
        {
            return DefaultLocale;
        }

        var preferred = acceptLanguage
            .Where(l => (l.Quality ?? 1.0) > 0)
            .OrderByDescending(l => l.Quality ?? 1.0) // stable: ties keep header order
            .Select(l => l.Value.Value?.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(l => l is not null && SupportedLocales.Contains(l));
        return preferred ?? DefaultLocale;
    }

    private static List<string> CheckName(string name)
    {
        var problems = new List<string>();
        if (!IsWellFormed(name))
        {
            problems.Add("must be valid Unicode text.");
            return problems;
        }

        // User-perceived characters: a Korean syllable, an emoji or a letter with accents count once.
        var length = new StringInfo(name).LengthInTextElements;
        if (length is < 1 or > NameMaxLength)
        {
            problems.Add($"must be 1 to {NameMaxLength} characters.");
        }

        if (name.EnumerateRunes().Any(r => Rune.IsControl(r)
            || Rune.GetUnicodeCategory(r) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator))
        {
            problems.Add("must not contain control characters or line breaks.");
        }

        return problems;
    }

    private static List<string> CheckPassword(string password)
    {
        var problems = new List<string>();
        if (!IsWellFormed(password))
        {
            problems.Add("must be valid Unicode text.");
            return problems;
        }

        var length = password.EnumerateRunes().Count();
        if (length is < PasswordMinLength or > PasswordMaxLength)
        {
            problems.Add($"must be {PasswordMinLength} to {PasswordMaxLength} characters.");
        }

        return problems;
    }

    // JSON escapes can carry lone surrogates ("\ud800"); such text cannot be stored or shown.
    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            i += consumed - 1;
        }

        return true;
    }
}
