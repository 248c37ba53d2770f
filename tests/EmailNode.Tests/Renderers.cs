using MimeKit;
using SignupEmail.EmailNode.Templates;

namespace SignupEmail.EmailNode.Tests;

internal static class Renderers
{
    public static readonly MailboxAddress From = new("SignupEmail", "welcome@signupemail.test");

    public static WelcomeMessageRenderer Shipped() =>
        new(WelcomeTemplates.Load(TestEvents.ShippedTemplates, "en"), From, TimeProvider.System);
}
