using MimeKit;
using SignupEmail.EmailNode.Templates;

namespace SignupEmail.EmailNode.Tests;

public sealed class WelcomeMessageRendererSpec
{
    private readonly WelcomeMessageRenderer _renderer = Renderers.Shipped();

    [Fact]
    public void A_korean_signup_gets_the_korean_welcome_in_both_parts()
    {
        var @event = TestEvents.Korean();

        var message = _renderer.Render(@event).Message;

        Assert.Equal("김민지님, SignupEmail에 오신 것을 환영합니다", message.Subject);
        Assert.Contains("김민지님, 안녕하세요.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>김민지님, 안녕하세요.</p>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("ko", message.Headers[HeaderId.ContentLanguage]);
    }

    [Fact]
    public void An_english_signup_gets_the_english_welcome()
    {
        var message = _renderer.Render(TestEvents.English()).Message;

        Assert.Equal("Welcome to SignupEmail, Alice", message.Subject);
        Assert.StartsWith("Hello Alice,", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>Hello Alice,</p>", message.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ko", "ko")]
    [InlineData("KO-kr", "ko")]
    [InlineData("en-GB", "en")]
    [InlineData("fr-FR", "en")]
    public void The_locale_falls_back_from_region_to_language_to_the_default(string locale, string expected)
    {
        var message = _renderer.Render(TestEvents.Korean() with { Locale = locale }).Message;

        Assert.Equal(expected, message.Headers[HeaderId.ContentLanguage]);
    }

    [Fact]
    public void The_name_is_html_escaped_in_the_html_part_only()
    {
        var @event = TestEvents.English() with { Name = "<script>alert('x')</script> & Co" };

        var message = _renderer.Render(@event).Message;

        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Hello <script>alert('x')</script> & Co,", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_is_multipart_alternative_with_text_then_html()
    {
        var message = _renderer.Render(TestEvents.Korean()).Message;

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Collection(
            alternative,
            part => Assert.Equal("text/plain", part.ContentType.MimeType),
            part => Assert.Equal("text/html", part.ContentType.MimeType));
        Assert.All(alternative.OfType<TextPart>(), part => Assert.Equal("utf-8", part.ContentType.Charset));
    }

    [Fact]
    public void Message_id_is_derived_from_the_event_id_so_redeliveries_match()
    {
        var @event = TestEvents.Korean();

        var first = _renderer.Render(@event);
        var second = _renderer.Render(@event);

        Assert.Equal($"{@event.EventId}@signupemail", first.Message.MessageId);
        Assert.Equal(first.Message.MessageId, second.Message.MessageId);
        Assert.Equal(@event.EventId, first.EventId);
        Assert.NotEqual(first.Message.MessageId, _renderer.Render(TestEvents.Korean()).Message.MessageId);
    }

    [Fact]
    public void From_and_to_are_set()
    {
        var @event = TestEvents.Korean();

        var message = _renderer.Render(@event).Message;

        Assert.Equal("welcome@signupemail.test", Assert.Single(message.From.Mailboxes).Address);
        var to = Assert.Single(message.To.Mailboxes);
        Assert.Equal(@event.Email, to.Address);
        Assert.Equal("김민지", to.Name);
    }
}
