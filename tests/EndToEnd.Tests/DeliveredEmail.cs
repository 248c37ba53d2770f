namespace SignupEmail.EndToEnd.Tests;

/// <summary>One <c>.eml</c> file of the pickup folder.</summary>
/// <param name="EventId">The event id the file is named by.</param>
/// <param name="To">The addresses of its <c>To</c> header.</param>
internal sealed record DeliveredEmail(Guid EventId, IReadOnlyList<string> To);
