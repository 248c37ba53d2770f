using System.Net;
using MimeKit;
using MimeKit.Text;
using SignupEmail.EmailNode.Delivery;
using SignupEmail.Shared.Contracts;

namespace SignupEmail.EmailNode.Templates;

/// <summary>Turns a <see cref="UserSignedUp"/> into the welcome e-mail in the user's language.</summary>
/// <param name="templates">The loaded templates.</param>
/// <param name="from">The sender mailbox.</param>
/// <param name="time">Clock for the Date header.</param>
public sealed class WelcomeMessageRenderer(WelcomeTemplates templates, MailboxAddress from, TimeProvider time)
{
    /// <summary>Domain part of every Message-ID we generate.</summary>
    public const string MessageIdDomain = "signupemail";

    /// <summary>The Message-ID of the welcome e-mail of an event (without angle brackets).</summary>
    public static string MessageIdFor(Guid eventId) => $"{eventId:D}@{MessageIdDomain}";

    /// <summary>Renders the welcome e-mail: multipart/alternative with a plain-text and an HTML part.</summary>
    public OutgoingMail Render(UserSignedUp @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var template = templates.For(@event.Locale);

        var message = new MimeMessage
        {
            // Deterministic, so a redelivered event produces the same Message-ID and receiving
            // systems (and our own pickup folder) can recognise the duplicate.
            MessageId = MessageIdFor(@event.EventId),
            Subject = Fill(template.Subject, @event.Name),
            Date = time.GetUtcNow(),
        };
        message.From.Add(from.Clone());
        message.To.Add(new MailboxAddress(@event.Name, @event.Email));
        message.Headers.Add(HeaderId.ContentLanguage, template.Locale);

        // Plain text first: in multipart/alternative the last part is the preferred one.
        message.Body = new MultipartAlternative
        {
            new TextPart(TextFormat.Plain) { Text = Fill(template.Text, @event.Name) },
            new TextPart(TextFormat.Html) { Text = Fill(template.Html, WebUtility.HtmlEncode(@event.Name)) },
        };

        return new OutgoingMail(@event.EventId, message);
    }

    private static string Fill(string template, string name) =>
        template.Replace(WelcomeTemplate.NamePlaceholder, name, StringComparison.Ordinal);
}
