using System.Net.Http.Json;
using System.Text.Json;

namespace SignupEmail.EndToEnd.Tests;

/// <summary>An Email node's <c>GET /admin/consumer</c>: its assigned partitions and their progress.</summary>
/// <param name="Running">Whether its consumer runs.</param>
/// <param name="Partitions">Assigned partitions: number, high watermark, committed offset.</param>
internal sealed record ConsumerStatus(bool Running, IReadOnlyList<(int Partition, long HighWatermark, long? Committed)> Partitions)
{
    public const string AdminKeyHeader = "X-Admin-Key";

    /// <summary>Every assigned partition has its records up to the high watermark committed.</summary>
    public bool CaughtUp => Partitions.All(p => p.Committed == p.HighWatermark);

    public static async Task<ConsumerStatus> ReadAsync(HttpClient node, string adminKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/consumer");
        request.Headers.Add(AdminKeyHeader, adminKey);
        using var response = await node.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var partitions = body.GetProperty("partitions").EnumerateArray()
            .Select(p => (
                p.GetProperty("partition").GetInt32(),
                p.GetProperty("highWatermark").GetInt64(),
                p.GetProperty("committed").ValueKind == JsonValueKind.Null ? (long?)null : p.GetProperty("committed").GetInt64()))
            .ToList();
        return new ConsumerStatus(body.GetProperty("running").GetBoolean(), partitions);
    }

    public override string ToString() =>
        $"running={Running} " + string.Join(" ", Partitions.Select(p => $"[p{p.Partition} hw={p.HighWatermark} committed={p.Committed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}]"));
}
