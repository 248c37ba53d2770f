namespace SignupEmail.Shared.Contracts;

/// <summary>
/// Header names of the CloudEvents Kafka protocol binding (binary content mode) and of W3C trace
/// context, as they appear on every record we publish.
/// </summary>
public static class CloudEventHeaders
{
    /// <summary>CloudEvents specification version; always <see cref="SpecVersionValue"/>.</summary>
    public const string SpecVersion = "ce_specversion";

    /// <summary>The event id: <see cref="UserSignedUp.EventId"/>.</summary>
    public const string Id = "ce_id";

    /// <summary>The versioned event type, e.g. <see cref="UserSignedUp.CloudEventType"/>.</summary>
    public const string Type = "ce_type";

    /// <summary>Which service produced the event (a URI reference).</summary>
    public const string Source = "ce_source";

    /// <summary>When the event occurred, RFC 3339 in UTC.</summary>
    public const string Time = "ce_time";

    /// <summary>Media type of the value; the binding maps CloudEvents <c>datacontenttype</c> onto it.</summary>
    public const string ContentType = "content-type";

    /// <summary>W3C trace context of the request that caused the event.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>The CloudEvents version we implement.</summary>
    public const string SpecVersionValue = "1.0";
}
