using System.Net;
using System.Text.Json;
using Xunit;

namespace SignupEmail.Testing;

/// <summary>One answer of a node's <c>/health</c> endpoint (either node: one format), read as a client would.</summary>
public sealed record NodeHealth(HttpStatusCode StatusCode, string Status, IReadOnlyDictionary<string, (string Status, string Description)> Checks)
{
    public static async Task<NodeHealth> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks").EnumerateObject().ToDictionary(
            check => check.Name,
            check => (check.Value.GetProperty("status").GetString()!, check.Value.GetProperty("description").GetString()!),
            StringComparer.Ordinal);
        return new NodeHealth(response.StatusCode, json.RootElement.GetProperty("status").GetString()!, checks);
    }

    public override string ToString() => $"{(int)StatusCode} {Status}: " + string.Join("; ", Checks.Select(c => $"{c.Key}={c.Value.Status} ({c.Value.Description})"));
}
