namespace SignupEmail.SignupCtl.Connection;

/// <summary>One node's admin API: its base address and the key to send.</summary>
internal sealed record NodeEndpoint(NodeKind Kind, Uri BaseAddress, string Key)
{
    /// <summary>The address and key for <paramref name="kind"/>: a flag wins over its environment variable, which wins over the default.</summary>
    public static NodeEndpoint Resolve(NodeKind kind, string? urlFlag, string? keyFlag, EnvironmentVariables environment)
    {
        var url = Present(urlFlag) ?? environment[kind.UrlVariable] ?? kind.DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw SignupCtlFailure.Usage($"'{url}' is not an http(s) address of the {kind.Name}; set {kind.UrlFlag} or {kind.UrlVariable}.");
        }

        var key = Present(keyFlag) ?? environment[NodeKind.KeyVariable]
            ?? throw SignupCtlFailure.Usage($"no admin key: set {NodeKind.KeyFlag} or {NodeKind.KeyVariable} (the launcher prints it as ADMIN_KEY).");
        return new(kind, address, key);
    }

    /// <summary>The address without a trailing slash, as people type it.</summary>
    public string Url => BaseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');

    private static string? Present(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
