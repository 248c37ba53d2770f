namespace SignupEmail.Shared.Contracts;

/// <summary>
/// Version 1 of the event the User service publishes once a signup is stored: the Email service's
/// only input. The record on Kafka is keyed by <see cref="UserId"/>; <see cref="EventId"/> makes
/// redeliveries recognisable (it is the CloudEvents id and the e-mail's Message-ID).
/// </summary>
/// <param name="EventId">Unique per signup, stable across redeliveries.</param>
/// <param name="UserId">The registered user's id; also the record key.</param>
/// <param name="Email">Where the welcome e-mail goes.</param>
/// <param name="Name">The user's display name, as typed (may be Korean).</param>
/// <param name="Locale">BCP 47 language tag of the user's choice, e.g. <c>ko</c> or <c>en-US</c>.</param>
/// <param name="OccurredAt">When the signup was stored.</param>
public sealed record UserSignedUp(
    Guid EventId,
    string UserId,
    string Email,
    string Name,
    string Locale,
    DateTimeOffset OccurredAt)
{
    /// <summary>The schema version this record type encodes and decodes.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The CloudEvents type: versioned, so consumers can route by it without reading the value.</summary>
    public const string CloudEventType = "com.signupemail.user.signed-up.v1";
}
