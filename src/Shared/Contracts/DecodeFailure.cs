namespace SignupEmail.Shared.Contracts;

/// <summary>A precise account of why a record is not a valid event, for the dead-letter topic's diagnostics.</summary>
/// <param name="Kind">The class of failure.</param>
/// <param name="Field">The JSON field at fault (camelCase, as on the wire), when one is.</param>
/// <param name="Reason">A human-readable sentence; never contains the e-mail address in full.</param>
/// <param name="EventId">The event id when it could still be read (value or <c>ce_id</c>), so the failure can be logged against it.</param>
public sealed record DecodeFailure(DecodeFailureKind Kind, string? Field, string Reason, Guid? EventId);
