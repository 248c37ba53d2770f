namespace SignupEmail.EmailNode.Templates;

/// <summary>Where the welcome e-mail templates are (<c>Email:Templates</c>).</summary>
public sealed record TemplateOptions
{
    /// <summary>
    /// <c>Email:Templates:Folder</c>: one sub-folder per locale (<c>ko</c>, <c>en</c>, …) holding
    /// <c>subject.txt</c>, <c>body.html</c> and <c>body.txt</c>; relative to the content root.
    /// </summary>
    public string Folder { get; init; } = "Templates/Welcome";

    /// <summary><c>Email:Templates:DefaultLocale</c>: used when no template matches the user's locale.</summary>
    public string DefaultLocale { get; init; } = "en";
}
