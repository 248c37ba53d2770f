using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SignupEmail.EmailNode.Templates;

/// <summary>
/// The welcome templates of every locale, read once from files so that operators can change the
/// wording without a new build (a restart picks the change up). Loading fails on anything
/// incomplete, so a broken template stops the node at start-up rather than at the first signup.
/// </summary>
public sealed partial class WelcomeTemplates
{
    /// <summary>File name of the subject line in each locale folder.</summary>
    public const string SubjectFile = "subject.txt";

    /// <summary>File name of the HTML body in each locale folder.</summary>
    public const string HtmlFile = "body.html";

    /// <summary>File name of the plain-text body in each locale folder.</summary>
    public const string TextFile = "body.txt";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly Dictionary<string, WelcomeTemplate> _byLocale;
    private readonly WelcomeTemplate _default;

    private WelcomeTemplates(Dictionary<string, WelcomeTemplate> byLocale, WelcomeTemplate @default)
    {
        _byLocale = byLocale;
        _default = @default;
    }

    /// <summary>The locales that have templates.</summary>
    public IReadOnlyCollection<string> Locales => _byLocale.Keys;

    /// <summary>Reads every locale sub-folder of <paramref name="folder"/>.</summary>
    /// <exception cref="InvalidOperationException">A folder or file is missing, empty, or uses an unknown placeholder.</exception>
    public static WelcomeTemplates Load(string folder, string defaultLocale)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultLocale);
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"Template folder '{folder}' does not exist (Email:Templates:Folder).");
        }

        var byLocale = new Dictionary<string, WelcomeTemplate>(StringComparer.OrdinalIgnoreCase);
        foreach (var localeFolder in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            var locale = Path.GetFileName(localeFolder);
            var subject = Read(localeFolder, SubjectFile).Trim();
            if (subject.Contains('\n', StringComparison.Ordinal) || subject.Contains('\r', StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Template '{Path.Combine(localeFolder, SubjectFile)}' must be a single line.");
            }

            byLocale[locale] = new WelcomeTemplate(locale, subject, Read(localeFolder, HtmlFile), Read(localeFolder, TextFile));
        }

        if (!byLocale.TryGetValue(defaultLocale, out var @default))
        {
            throw new InvalidOperationException(
                $"Template folder '{folder}' has no templates for the default locale '{defaultLocale}' (Email:Templates:DefaultLocale); found: {string.Join(", ", byLocale.Keys)}.");
        }

        return new WelcomeTemplates(byLocale, @default);
    }

    /// <summary>
    /// The template for a BCP 47 locale: an exact match (<c>ko-KR</c>), else its language
    /// (<c>ko</c>), else the default locale.
    /// </summary>
    public WelcomeTemplate For(string? locale)
    {
        if (string.IsNullOrEmpty(locale))
        {
            return _default;
        }

        if (_byLocale.TryGetValue(locale, out var exact))
        {
            return exact;
        }

        var dash = locale.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && _byLocale.TryGetValue(locale[..dash], out var language) ? language : _default;
    }

    private static string Read(string localeFolder, string fileName)
    {
        var path = Path.Combine(localeFolder, fileName);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Template file '{path}' is missing.");
        }

        string content;
        try
        {
            content = File.ReadAllText(path, StrictUtf8);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidOperationException($"Template file '{path}' is not UTF-8.", ex);
        }

        if (string.IsNullOrWhiteSpace(content))
        {
            throw new InvalidOperationException($"Template file '{path}' is empty.");
        }

        foreach (Match placeholder in Placeholder().Matches(content))
        {
            if (!string.Equals(placeholder.Value, WelcomeTemplate.NamePlaceholder, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    string.Create(CultureInfo.InvariantCulture, $"Template file '{path}' uses unknown placeholder {placeholder.Value}; only {WelcomeTemplate.NamePlaceholder} is known."));
            }
        }

        return content;
    }

    [GeneratedRegex(@"\{\{[^{}]*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
