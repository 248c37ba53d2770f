using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SignupEmail.EmailNode.Hosting;

/// <summary>
/// Writes a health report as JSON: the overall status and each check's status and description, in
/// the User node's format. The checks' data (partitions, counters) stays out: the endpoint answers
/// without a key.
/// </summary>
internal static class HealthReportJson
{
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
