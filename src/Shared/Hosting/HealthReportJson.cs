using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SignupEmail.Shared.Hosting;

/// <summary>
/// Writes a health report as JSON, in one format for both nodes: the overall status and each check's
/// status and description. The checks' data (addresses, partitions, counters) stays out: the
/// endpoint answers without a key.
/// </summary>
public static class HealthReportJson
{
    /// <summary>A <c>HealthCheckOptions.ResponseWriter</c>.</summary>
    /// <param name="context">The request being answered.</param>
    /// <param name="report">The health checks' results.</param>
    /// <returns>A task that completes once the report is written.</returns>
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
