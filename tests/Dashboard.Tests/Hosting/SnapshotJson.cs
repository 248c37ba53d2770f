using System.Net.Http.Json;
using System.Text.Json;

namespace SignupEmail.Dashboard.Tests.Hosting;

/// <summary>Reads <c>GET /api/snapshot</c> as the browser does: plain JSON, no server types.</summary>
internal static class SnapshotJson
{
    public static async Task<JsonElement> GetAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/snapshot");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
