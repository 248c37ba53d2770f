using System.Text.Json;

namespace SignupEmail.Dashboard.Snapshot;

/// <summary>The JSON shape of everything the dashboard answers: camelCase, like the nodes' admin APIs.</summary>
internal static class DashboardJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
