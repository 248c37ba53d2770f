using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace SignupEmail.Shared.Contracts;

/// <summary>
/// Reads a <see cref="UserSignedUp"/> from a record's value and headers without throwing: any
/// problem comes back as a precise <see cref="DecodeFailure"/> naming the field. Fields it does not
/// know are ignored, so producers may add fields within a schema version.
/// </summary>
public static partial class UserSignedUpDecoder
{
    /// <summary>Longest accepted user id and display name; longer values are not ours.</summary>
    public const int MaxTextLength = 200;

    /// <summary>Longest accepted locale tag.</summary>
    public const int MaxLocaleLength = 35;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
        // Two "email" fields would leave the receiver guessing which one the producer meant.
        AllowDuplicateProperties = false,
    };

    /// <summary>Decodes one record.</summary>
    /// <param name="value">The record value; <see langword="null"/> for a tombstone.</param>
    /// <param name="headers">The record headers, if any.</param>
    public static DecodeResult Decode(byte[]? value, IReadOnlyList<RecordHeader>? headers)
    {
        var traceParent = HeaderText(headers, CloudEventHeaders.TraceParent);
        Guid? headerEventId = Guid.TryParse(HeaderText(headers, CloudEventHeaders.Id), out var id) && id != Guid.Empty ? id : null;

        var failureOrEvent = DecodeValue(value, headerEventId, out var decoded);
        return decoded is not null
            ? DecodeResult.Decoded(decoded, traceParent)
            : DecodeResult.Failed(failureOrEvent!, traceParent);
    }

    /// <summary>
    /// Checks an event against the same rules the decoder applies, so a producer can refuse to
    /// publish what every consumer would reject. Returns <see langword="null"/> when it is valid.
    /// </summary>
    public static DecodeFailure? Validate(UserSignedUp @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var eventId = @event.EventId == Guid.Empty ? (Guid?)null : @event.EventId;
        if (eventId is null)
        {
            return Invalid(Fields.EventId, "must be a non-empty UUID", null);
        }

        return CheckUserId(@event.UserId, eventId)
            ?? CheckEmail(@event.Email, eventId)
            ?? CheckName(@event.Name, eventId)
            ?? CheckLocale(@event.Locale, eventId);
    }

    private static DecodeFailure? DecodeValue(byte[]? value, Guid? headerEventId, out UserSignedUp? decoded)
    {
        decoded = null;
        if (value is null || value.Length == 0)
        {
            return new DecodeFailure(DecodeFailureKind.UndecodableJson, null, "The record has no value.", headerEventId);
        }

        // The JSON reader checks UTF-8 only where it unescapes, so check the whole value up front.
        if (!Utf8.IsValid(value))
        {
            return new DecodeFailure(DecodeFailureKind.UndecodableJson, null, "The value is not valid UTF-8.", headerEventId);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(value, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return new DecodeFailure(
                DecodeFailureKind.UndecodableJson,
                null,
                $"The value is not valid UTF-8 JSON ({ex.Message}).",
                headerEventId);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new DecodeFailure(
                    DecodeFailureKind.UndecodableJson,
                    null,
                    $"The value is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object.",
                    headerEventId);
            }

            var versionFailure = CheckSchemaVersion(root, headerEventId);
            if (versionFailure is not null)
            {
                return versionFailure;
            }

            if (!TryGetString(root, Fields.EventId, headerEventId, out var eventIdText, out var failure))
            {
                return failure;
            }

            if (!Guid.TryParse(eventIdText, out var eventId) || eventId == Guid.Empty)
            {
                return Invalid(Fields.EventId, "must be a non-empty UUID", headerEventId);
            }

            if (!TryGetString(root, Fields.UserId, eventId, out var userId, out failure)
                || (failure = CheckUserId(userId, eventId)) is not null
                || !TryGetString(root, Fields.Email, eventId, out var email, out failure)
                || (failure = CheckEmail(email, eventId)) is not null
                || !TryGetString(root, Fields.Name, eventId, out var name, out failure)
                || (failure = CheckName(name, eventId)) is not null
                || !TryGetString(root, Fields.Locale, eventId, out var locale, out failure)
                || (failure = CheckLocale(locale, eventId)) is not null
                || !TryGetString(root, Fields.OccurredAt, eventId, out var occurredAtText, out failure))
            {
                return failure;
            }

            if (!HasExplicitOffset(occurredAtText)
                || !DateTimeOffset.TryParse(occurredAtText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var occurredAt)
                || !root.GetProperty(Fields.OccurredAt).TryGetDateTimeOffset(out _))
            {
                return Invalid(Fields.OccurredAt, "must be an ISO 8601 date and time with an offset", eventId);
            }

            decoded = new UserSignedUp(eventId, userId, email, name, locale, occurredAt);
            return null;
        }
    }

    private static DecodeFailure? CheckSchemaVersion(JsonElement root, Guid? eventId)
    {
        if (!root.TryGetProperty(Fields.SchemaVersion, out var version) || version.ValueKind == JsonValueKind.Null)
        {
            return Missing(Fields.SchemaVersion, eventId);
        }

        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number))
        {
            return Invalid(Fields.SchemaVersion, "must be an integer", eventId);
        }

        return number == UserSignedUp.SchemaVersion
            ? null
            : new DecodeFailure(
                DecodeFailureKind.UnknownSchemaVersion,
                Fields.SchemaVersion,
                $"Schema version {number} is not known; this build reads version {UserSignedUp.SchemaVersion}.",
                eventId);
    }

    private static bool TryGetString(JsonElement root, string field, Guid? eventId, out string value, out DecodeFailure? failure)
    {
        value = string.Empty;
        failure = null;
        if (!root.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            failure = Missing(field, eventId);
            return false;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            failure = Invalid(field, $"must be a string, not a {element.ValueKind.ToString().ToLowerInvariant()}", eventId);
            return false;
        }

        value = element.GetString()!;
        return true;
    }

    private static DecodeFailure? CheckUserId(string? userId, Guid? eventId) =>
        string.IsNullOrWhiteSpace(userId) ? Invalid(Fields.UserId, "must not be blank", eventId)
        : userId.Length > MaxTextLength ? Invalid(Fields.UserId, $"must be at most {MaxTextLength} characters", eventId)
        : null;

    private static DecodeFailure? CheckEmail(string? email, Guid? eventId) =>
        EmailAddress.IsValid(email)
            ? null
            : new DecodeFailure(
                DecodeFailureKind.InvalidEmailAddress,
                Fields.Email,
                $"Field 'email' is not a plain e-mail address ('{EmailAddress.Mask(email)}').",
                eventId);

    private static DecodeFailure? CheckName(string? name, Guid? eventId)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Invalid(Fields.Name, "must not be blank", eventId);
        }

        if (name.Length > MaxTextLength)
        {
            return Invalid(Fields.Name, $"must be at most {MaxTextLength} characters", eventId);
        }

        // Control characters (CR/LF above all) have no place in a display name that ends up in headers.
        return name.Any(char.IsControl) ? Invalid(Fields.Name, "must not contain control characters", eventId) : null;
    }

    private static DecodeFailure? CheckLocale(string? locale, Guid? eventId) =>
        locale is { Length: > 0 and <= MaxLocaleLength } && LanguageTag().IsMatch(locale)
            ? null
            : Invalid(Fields.Locale, "must be a BCP 47 language tag such as 'ko' or 'en-US'", eventId);

    private static bool HasExplicitOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || TrailingOffset().IsMatch(text);

    private static DecodeFailure Missing(string field, Guid? eventId) =>
        new(DecodeFailureKind.MissingField, field, $"Field '{field}' is required.", eventId);

    private static DecodeFailure Invalid(string field, string rule, Guid? eventId) =>
        new(DecodeFailureKind.InvalidField, field, $"Field '{field}' {rule}.", eventId);

    private static string? HeaderText(IReadOnlyList<RecordHeader>? headers, string name)
    {
        if (headers is null)
        {
            return null;
        }

        // The last header of a name wins, as in Confluent.Kafka's Headers.GetLastBytes.
        for (var i = headers.Count - 1; i >= 0; i--)
        {
            if (string.Equals(headers[i].Name, name, StringComparison.Ordinal))
            {
                try
                {
                    return Strict.GetString(headers[i].Value);
                }
                catch (DecoderFallbackException)
                {
                    return null;
                }
            }
        }

        return null;
    }

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [GeneratedRegex("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"[+-]\d{2}:?\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingOffset();

    /// <summary>Field names on the wire.</summary>
    internal static class Fields
    {
        public const string SchemaVersion = "schemaVersion";
        public const string EventId = "eventId";
        public const string UserId = "userId";
        public const string Email = "email";
        public const string Name = "name";
        public const string Locale = "locale";
        public const string OccurredAt = "occurredAt";
    }
}
