using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace SignupEmail.UserNode.Signup;

/// <summary>
/// Reads the signup body by hand instead of model binding, so that a wrong content type (415), an
/// oversized, badly framed, non-UTF-8 or malformed body and fields of the wrong JSON type (400) all
/// become problem details that name each bad field, never a 500 or a generic binder error.
/// </summary>
internal static class SignupBodyReader
{
    public const int MaxBodyBytes = 16 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>
    /// The fields and the fields that had the wrong JSON type (to report beside the rule violations
    /// of the others), or the problem response to send when the body as a whole is unusable.
    /// </summary>
    public static async Task<(SignupFields? Fields, Dictionary<string, string[]> TypeErrors, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType is null && IsEmpty(request))
        {
            return (null, [], SignupProblems.Invalid("body", "is required."));
        }

        if (!request.HasJsonContentType() || !IsUtf8(request.ContentType))
        {
            return (null, [], SignupProblems.UnsupportedMediaType("Content-Type", "must be application/json in UTF-8."));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, [], SignupProblems.Invalid("body", $"must be at most {MaxBodyBytes} bytes."));
        }

        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length
                && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel refused the framing (a malformed chunk, a body shorter than its Content-Length,
            // a client too slow to send): the client's fault, so a 4xx, never a 500.
            return (null, [], SignupProblems.UnreadableBody(e.StatusCode));
        }

        if (length > MaxBodyBytes)
        {
            return (null, [], SignupProblems.Invalid("body", $"must be at most {MaxBodyBytes} bytes."));
        }

        // The JSON reader checks UTF-8 only in what it unescapes; a bad byte in a property name would
        // throw later, on comparing names. Checked once here, the rest of the reading cannot throw.
        if (!Utf8.IsValid(buffer.AsSpan(0, length)))
        {
            return (null, [], SignupProblems.Invalid("body", "is not valid UTF-8."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.AsMemory(0, length), DocumentOptions);
        }
        catch (JsonException e)
        {
            return (null, [], SignupProblems.Invalid("body", $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, [], SignupProblems.Invalid("body", "must be a JSON object."));
            }

            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var fields = new SignupFields(
                ReadString(document.RootElement, "email", errors),
                ReadString(document.RootElement, "name", errors),
                ReadString(document.RootElement, "password", errors),
                ReadString(document.RootElement, "locale", errors));
            return (fields, errors, null);
        }
    }

    private static string? ReadString(JsonElement root, string field, Dictionary<string, string[]> errors)
    {
        // Case-insensitive like the rest of ASP.NET Core's JSON; with duplicates the last one wins.
        JsonElement? value = null;
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, field, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
            }
        }

        switch (value?.ValueKind)
        {
            case null or JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                try
                {
                    return value.Value.GetString();
                }
                catch (InvalidOperationException)
                {
                    errors[field] = ["must be valid Unicode text."];
                    return null;
                }

            default:
                errors[field] = ["must be a string."];
                return null;
        }
    }

    private static bool IsEmpty(HttpRequest request) =>
        request.ContentLength == 0
        || request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false };

    private static bool IsUtf8(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && (mediaType.Charset.Length == 0
            || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || mediaType.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));
}
