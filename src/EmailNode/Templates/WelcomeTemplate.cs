namespace SignupEmail.EmailNode.Templates;

/// <summary>The welcome e-mail of one locale, as written in its template files.</summary>
/// <param name="Locale">The locale folder's name, e.g. <c>ko</c>.</param>
/// <param name="Subject">Subject line with placeholders.</param>
/// <param name="Html">HTML body with placeholders; values are HTML-escaped when filled in.</param>
/// <param name="Text">Plain-text body with placeholders.</param>
public sealed record WelcomeTemplate(string Locale, string Subject, string Html, string Text)
{
    /// <summary>The placeholder for the user's display name.</summary>
    public const string NamePlaceholder = "{{name}}";
}
