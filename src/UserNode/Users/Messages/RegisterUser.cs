using SignupEmail.Shared.Contracts;
namespace SignupEmail.UserNode.Users.Messages;

/// <summary>
/// Registers a user. Everything non-deterministic (event id, clock, password hash, trace context)
/// is decided by the caller, so the entity's decision stays a pure function of state and command.
/// </summary>
/// <param name="UserId">Entity id, derived from <paramref name="NormalizedEmail"/>.</param>
/// <param name="Email">The address as the user typed it (trimmed), kept for display.</param>
/// <param name="NormalizedEmail">The lower-cased address: the identity.</param>
/// <param name="Name">Display name, trimmed.</param>
/// <param name="Locale"><c>ko</c> or <c>en</c>.</param>
/// <param name="PasswordHash">Salted hash of the password; the password itself never reaches the entity.</param>
/// <param name="EventId">Id the <see cref="UserRegistered"/> event gets if the registration succeeds.</param>
/// <param name="RegisteredAt">Time of the signup request.</param>
/// <param name="TraceParent">W3C <c>traceparent</c> of the signup request, if any.</param>
/// <param name="IdempotencyKey">The request's <c>Idempotency-Key</c>, if any: a retry with the same key is recognised.</param>
public sealed record RegisterUser(
    string UserId,
    string Email,
    string NormalizedEmail,
    string Name,
    string Locale,
    string PasswordHash,
    Guid EventId,
    DateTimeOffset RegisteredAt,
    string? TraceParent,
    string? IdempotencyKey = null) : IWithUserId
{
    /// <summary>Never print the hash, even in a dead-letter log line.</summary>
    public override string ToString() =>
        $"RegisterUser {{ UserId = {UserId}, Email = {EmailAddress.Mask(Email)}, EventId = {EventId} }}";
}
