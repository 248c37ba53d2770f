using SignupEmail.EmailNode.Templates;

namespace SignupEmail.EmailNode.Tests;

public sealed class WelcomeTemplatesSpec : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("signupemail-templates-");

    public void Dispose() => _folder.Delete(recursive: true);

    private void Write(string locale, string subject = "Hi {{name}}", string html = "<p>{{name}}</p>", string? text = "Hi {{name}}")
    {
        var dir = Directory.CreateDirectory(Path.Combine(_folder.FullName, locale)).FullName;
        File.WriteAllText(Path.Combine(dir, "subject.txt"), subject);
        File.WriteAllText(Path.Combine(dir, "body.html"), html);
        if (text is not null)
        {
            File.WriteAllText(Path.Combine(dir, "body.txt"), text);
        }
    }

    [Fact]
    public void The_shipped_templates_cover_korean_and_english()
    {
        var templates = WelcomeTemplates.Load(TestEvents.ShippedTemplates, "en");

        Assert.Equal(["en", "ko"], templates.Locales.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Templates_are_read_from_the_files_so_edits_need_no_rebuild()
    {
        Write("en", subject: "Edited subject for {{name}}\n", html: "<b>{{name}}</b>", text: "Edited {{name}}");
        var renderer = new WelcomeMessageRenderer(WelcomeTemplates.Load(_folder.FullName, "en"), Renderers.From, TimeProvider.System);

        var message = renderer.Render(TestEvents.English()).Message;

        Assert.Equal("Edited subject for Alice", message.Subject);
        Assert.Equal("Edited Alice", message.TextBody);
        Assert.Equal("<b>Alice</b>", message.HtmlBody);
    }

    [Fact]
    public void A_missing_file_fails_the_load_naming_the_file()
    {
        Write("en", text: null);

        var ex = Assert.Throws<InvalidOperationException>(() => WelcomeTemplates.Load(_folder.FullName, "en"));

        Assert.Contains(Path.Combine(_folder.FullName, "en", "body.txt"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_default_locale_fails_the_load_naming_the_key()
    {
        Write("ko");

        var ex = Assert.Throws<InvalidOperationException>(() => WelcomeTemplates.Load(_folder.FullName, "en"));

        Assert.Contains("Email:Templates:DefaultLocale", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_fails_the_load_naming_the_key()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => WelcomeTemplates.Load(Path.Combine(_folder.FullName, "nope"), "en"));

        Assert.Contains("Email:Templates:Folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_placeholder_fails_the_load()
    {
        Write("en", html: "<p>{{name}} {{email}}</p>");

        var ex = Assert.Throws<InvalidOperationException>(() => WelcomeTemplates.Load(_folder.FullName, "en"));

        Assert.Contains("{{email}}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_multi_line_subject_fails_the_load()
    {
        Write("en", subject: "Hi {{name}}\nBcc: someone@example.com");

        Assert.Throws<InvalidOperationException>(() => WelcomeTemplates.Load(_folder.FullName, "en"));
    }
}
