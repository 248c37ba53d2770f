using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using F = SignupEmail.Shared.Contracts.UserSignedUpDecoder.Fields;

namespace SignupEmail.Shared.Contracts;

/// <summary>
/// Turns a <see cref="UserSignedUp"/> into Kafka record bytes: key = user id, value = versioned
/// JSON, CloudEvents headers (binary content mode) and the W3C <c>traceparent</c>.
/// </summary>
public sealed class UserSignedUpEncoder
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = ContractJson.Options.Encoder, Indented = false };
    private readonly byte[] _source;

    /// <summary>Creates an encoder for one producing service.</summary>
    /// <param name="source">The CloudEvents source, a URI reference naming the producer, e.g. <c>/signupemail/user-node</c>.</param>
    public UserSignedUpEncoder(string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (!Uri.TryCreate(source, UriKind.RelativeOrAbsolute, out _))
        {
            throw new ArgumentException($"CloudEvents source '{source}' is not a URI reference.", nameof(source));
        }

        _source = Encoding.UTF8.GetBytes(source);
    }

    /// <summary>Encodes an event. Throws <see cref="ArgumentException"/> for an event every consumer would reject.</summary>
    /// <param name="event">The event.</param>
    /// <param name="traceParent">W3C trace context to propagate; defaults to the current W3C activity, if any.</param>
    public EncodedRecord Encode(UserSignedUp @event, string? traceParent = null)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var failure = UserSignedUpDecoder.Validate(@event);
        if (failure is not null)
        {
            throw new ArgumentException($"Refusing to publish an invalid {nameof(UserSignedUp)}: {failure.Reason}", nameof(@event));
        }

        traceParent ??= Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;
        var time = @event.OccurredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

        var headers = new List<RecordHeader>(7)
        {
            new(CloudEventHeaders.SpecVersion, Encoding.UTF8.GetBytes(CloudEventHeaders.SpecVersionValue)),
            new(CloudEventHeaders.Id, Encoding.UTF8.GetBytes(@event.EventId.ToString("D"))),
            new(CloudEventHeaders.Type, Encoding.UTF8.GetBytes(UserSignedUp.CloudEventType)),
            new(CloudEventHeaders.Source, (byte[])_source.Clone()),
            new(CloudEventHeaders.Time, Encoding.UTF8.GetBytes(time)),
            new(CloudEventHeaders.ContentType, Encoding.UTF8.GetBytes(ContractJson.ContentType)),
        };
        if (!string.IsNullOrEmpty(traceParent))
        {
            headers.Add(new RecordHeader(CloudEventHeaders.TraceParent, Encoding.UTF8.GetBytes(traceParent)));
        }

        return new EncodedRecord(Encoding.UTF8.GetBytes(@event.UserId), EncodeValue(@event), headers);
    }

    private static byte[] EncodeValue(UserSignedUp @event)
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            // schemaVersion first: a human reading the topic sees at once which shape follows.
            writer.WriteStartObject();
            writer.WriteNumber(F.SchemaVersion, UserSignedUp.SchemaVersion);
            writer.WriteString(F.EventId, @event.EventId);
            writer.WriteString(F.UserId, @event.UserId);
            writer.WriteString(F.Email, @event.Email);
            writer.WriteString(F.Name, @event.Name);
            writer.WriteString(F.Locale, @event.Locale);
            writer.WriteString(F.OccurredAt, @event.OccurredAt);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
