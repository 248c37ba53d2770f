using MimeKit;

namespace SignupEmail.EmailNode.Delivery;

/// <summary>A rendered e-mail and the event it answers.</summary>
/// <param name="EventId">The event id; deliveries name their output after it so a redelivery replaces rather than duplicates.</param>
/// <param name="Message">The message, with its Message-ID derived from <paramref name="EventId"/>.</param>
public sealed record OutgoingMail(Guid EventId, MimeMessage Message);
