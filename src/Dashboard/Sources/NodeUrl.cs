namespace SignupEmail.Dashboard.Sources;

/// <summary>Joins a configured node base URL (with or without a trailing slash) and a route.</summary>
internal static class NodeUrl
{
    public static Uri Combine(string baseUrl, string path) => new($"{baseUrl.TrimEnd('/')}{path}", UriKind.Absolute);
}
