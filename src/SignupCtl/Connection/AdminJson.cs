using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SignupEmail.SignupCtl.Connection;

/// <summary>How the admin API's JSON is read (camelCase, as ASP.NET Core writes it) and printed.</summary>
internal static class AdminJson
{
    /// <remarks>
    /// Absent fields are left out of request bodies rather than sent as null: the contract's bodies
    /// omit what they do not choose (<c>{ "all": true }</c>), and a node may refuse a null it does not expect.
    /// </remarks>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The node's JSON, indented for people (<c>--json</c>).</summary>
    public static string Pretty(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, Printed);
    }

    /// <summary>The node's JSON on one line (one line per refresh of <c>kafka lag --watch --json</c>).</summary>
    public static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, PrintedCompact);
    }

    // Printed for people and scripts, never embedded in HTML: '+' in an offset and non-ASCII names stay
    // as they are instead of \u002B escapes.
    private static readonly JsonSerializerOptions PrintedCompact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions Printed = new(PrintedCompact) { WriteIndented = true };
}
