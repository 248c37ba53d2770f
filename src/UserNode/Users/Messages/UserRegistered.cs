using SignupEmail.Shared.Contracts;
namespace SignupEmail.UserNode.Users.Messages;

/// <summary>
/// A user was registered: the one event of the entity and the outbox entry the publisher turns
/// into a <c>user.signed-up</c> record. Stored as <c>user-registered.v1</c>; fields added later
/// carry defaults so older journal entries still read (see the serializer tests).
/// </summary>
/// <param name="EventId">New per registration; becomes the record's <c>ce_id</c>.</param>
/// <param name="UserId">Id derived from <paramref name="NormalizedEmail"/>; the record key.</param>
/// <param name="Email">The address as given (trimmed).</param>
/// <param name="NormalizedEmail">Lower-cased address, the identity.</param>
/// <param name="Name">Display name.</param>
/// <param name="PasswordHash">Salted hash; stays in the journal, never published.</param>
/// <param name="RegisteredAt">When the registration was accepted; the record's <c>occurredAt</c>.</param>
/// <param name="Locale"><c>ko</c> or <c>en</c>; entries written before it existed read as <c>ko</c>.</param>
/// <param name="TraceParent">W3C <c>traceparent</c> captured at signup, if any.</param>
/// <param name="IdempotencyKey">The signup's <c>Idempotency-Key</c>, if it sent one; older entries have none.</param>
public sealed record UserRegistered(
    Guid EventId,
    string UserId,
    string Email,
    string NormalizedEmail,
    string Name,
    string PasswordHash,
    DateTimeOffset RegisteredAt,
    string Locale = UserRegistered.DefaultLocale,
    string? TraceParent = null,
    string? IdempotencyKey = null) : IUserEvent
{
    /// <summary>Locale of entries that predate the field, and of signups with no preference.</summary>
    public const string DefaultLocale = "ko";

    /// <summary>Never print the hash or the full address.</summary>
    public override string ToString() =>
        $"UserRegistered {{ EventId = {EventId}, UserId = {UserId}, Email = {EmailAddress.Mask(Email)} }}";
}
