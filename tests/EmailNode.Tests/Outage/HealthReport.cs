using System.Net;
using System.Text.Json;
using SignupEmail.EmailNode.Hosting;

namespace SignupEmail.EmailNode.Tests.Outage;

/// <summary>One answer of the node's <c>/health</c> endpoint, read as a client would.</summary>
internal sealed record HealthReport(HttpStatusCode StatusCode, string Status, IReadOnlyDictionary<string, (string Status, string Description)> Checks)
{
    public static async Task<HealthReport> GetAsync(HttpClient client)
    {
        using var response = await client.GetAsync(EmailNodeApplication.HealthPath);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks").EnumerateObject().ToDictionary(
            check => check.Name,
            check => (check.Value.GetProperty("status").GetString()!, check.Value.GetProperty("description").GetString()!),
            StringComparer.Ordinal);
        return new HealthReport(response.StatusCode, json.RootElement.GetProperty("status").GetString()!, checks);
    }

    public override string ToString() => $"{(int)StatusCode} {Status}: " + string.Join("; ", Checks.Select(c => $"{c.Key}={c.Value.Status} ({c.Value.Description})"));
}
