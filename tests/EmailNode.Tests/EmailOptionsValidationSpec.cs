using Microsoft.Extensions.Configuration;
using SignupEmail.EmailNode.Delivery;
using SignupEmail.EmailNode.Settings;

namespace SignupEmail.EmailNode.Tests;

public sealed class EmailOptionsValidationSpec
{
    internal static Dictionary<string, string?> ValidPickup(string root) => new()
    {
        ["Email:From"] = "SignupEmail <welcome@signupemail.test>",
        ["Email:Delivery:Mode"] = "Pickup",
        ["Email:Pickup:Folder"] = Path.Combine(root, "pickup"),
        ["Email:SendLog:Provider"] = "Sqlite",
        ["Email:SendLog:ConnectionString"] = $"Data Source={Path.Combine(root, "send-log.db")}",
        ["Email:Templates:Folder"] = TestEvents.ShippedTemplates,
        ["Email:Templates:DefaultLocale"] = "en",
    };

    private static EmailOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build()
            .GetSection(EmailOptions.SectionName).Get<EmailOptions>() ?? new EmailOptions();

    private static IReadOnlyList<string> ErrorsWith(params (string Key, string? Value)[] changes)
    {
        var settings = ValidPickup("/tmp/unused");
        foreach (var (key, value) in changes)
        {
            settings[key] = value;
        }

        return EmailOptionsValidator.Errors(Bind(settings));
    }

    [Fact]
    public void A_complete_pickup_configuration_is_valid()
    {
        Assert.Empty(ErrorsWith());
    }

    [Fact]
    public void A_complete_smtp_configuration_is_valid_and_binds_every_setting()
    {
        var settings = ValidPickup("/tmp/unused");
        settings["Email:Delivery:Mode"] = "Smtp";
        settings["Email:Smtp:Host"] = "smtp.example.com";
        settings["Email:Smtp:Port"] = "465";
        settings["Email:Smtp:TlsMode"] = "SslOnConnect";
        settings["Email:Smtp:Username"] = "mailer";
        settings["Email:Smtp:Password"] = "secret";
        settings["Email:Smtp:MaxConnections"] = "8";
        settings["Email:Smtp:Timeout"] = "00:00:15";

        var options = Bind(settings);

        Assert.Empty(EmailOptionsValidator.Errors(options));
        Assert.Equal(
            new SmtpOptions
            {
                Host = "smtp.example.com",
                Port = 465,
                TlsMode = SmtpTlsMode.SslOnConnect,
                Username = "mailer",
                Password = "secret",
                MaxConnections = 8,
                Timeout = TimeSpan.FromSeconds(15),
            },
            options.Smtp);
    }

    [Theory]
    [InlineData("Email:Smtp:Host", null, "Email:Smtp:Host")]
    [InlineData("Email:Smtp:Port", "70000", "Email:Smtp:Port")]
    [InlineData("Email:Smtp:Username", "mailer", "Email:Smtp:Password")]
    [InlineData("Email:Smtp:Password", "secret", "Email:Smtp:Username")]
    [InlineData("Email:Smtp:MaxConnections", "0", "Email:Smtp:MaxConnections")]
    [InlineData("Email:Smtp:Timeout", "00:00:00", "Email:Smtp:Timeout")]
    public void Smtp_mode_problems_name_their_key(string key, string? value, string expectedKey)
    {
        var errors = ErrorsWith(("Email:Delivery:Mode", "Smtp"), ("Email:Smtp:Host", "smtp.example.com"), (key, value));

        var error = Assert.Single(errors);
        Assert.StartsWith(expectedKey + " ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Email:From", null, "Email:From")]
    [InlineData("Email:From", "not an address", "Email:From")]
    [InlineData("Email:From", "a@example.com, b@example.com", "Email:From")]
    [InlineData("Email:Pickup:Folder", "", "Email:Pickup:Folder")]
    [InlineData("Email:SendLog:Provider", "MySql", "Email:SendLog:Provider")]
    [InlineData("Email:SendLog:ConnectionString", "", "Email:SendLog:ConnectionString")]
    [InlineData("Email:Templates:Folder", "", "Email:Templates:Folder")]
    [InlineData("Email:Templates:DefaultLocale", "", "Email:Templates:DefaultLocale")]
    public void General_problems_name_their_key(string key, string? value, string expectedKey)
    {
        var error = Assert.Single(ErrorsWith((key, value)));

        Assert.StartsWith(expectedKey + " ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Smtp_settings_are_not_checked_in_pickup_mode()
    {
        Assert.Empty(ErrorsWith(("Email:Smtp:Host", ""), ("Email:Smtp:Port", "0")));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = ErrorsWith(("Email:From", ""), ("Email:Delivery:Mode", "Smtp"), ("Email:SendLog:Provider", "Oracle"));

        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void The_password_never_appears_in_an_error()
    {
        var errors = ErrorsWith(("Email:Delivery:Mode", "Smtp"), ("Email:Smtp:Password", "hunter2-secret"));

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.DoesNotContain("hunter2-secret", e, StringComparison.Ordinal));
    }
}
