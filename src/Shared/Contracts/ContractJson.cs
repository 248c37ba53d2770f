using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SignupEmail.Shared.Contracts;

/// <summary>The JSON conventions of every value both services put on Kafka.</summary>
public static class ContractJson
{
    /// <summary>The media type of record values, sent as the CloudEvents <c>content-type</c> header.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>
    /// camelCase names, UTF-8, and every letter (Hangul included) written as itself rather than as
    /// <c>\uXXXX</c>: records stay readable in any Kafka tool and a byte smaller per character.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            // Escapes only what JSON itself needs escaped (quotes, backslash, control characters). The
            // "unsafe" in the name is about embedding JSON in HTML, which a Kafka value never is.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = false,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
