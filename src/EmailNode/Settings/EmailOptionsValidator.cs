using Microsoft.Extensions.Options;
using MimeKit;
using SignupEmail.EmailNode.Delivery;
using SignupEmail.EmailNode.SendLog;
using SignupEmail.Shared.Contracts;

namespace SignupEmail.EmailNode.Settings;

/// <summary>
/// Checks <see cref="EmailOptions"/> at start-up so a misconfigured node fails before it consumes a
/// single record, with every problem named by its configuration key.
/// </summary>
public sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem with <paramref name="options"/>, each starting with the configuration key at fault.</summary>
    public static IReadOnlyList<string> Errors(EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        void Fail(string key, string problem) => errors.Add($"{EmailOptions.SectionName}:{key} {problem}");

        if (string.IsNullOrWhiteSpace(options.From))
        {
            Fail("From", "is required: the sender address of welcome e-mails, e.g. 'SignupEmail <welcome@example.com>'.");
        }
        else if (!MailboxAddress.TryParse(options.From, out var from) || !EmailAddress.IsValid(from.Address))
        {
            Fail("From", $"'{options.From}' is not a single mailbox address.");
        }

        switch (options.Delivery.Mode)
        {
            case DeliveryMode.Pickup:
                if (string.IsNullOrWhiteSpace(options.Pickup.Folder))
                {
                    Fail("Pickup:Folder", "is required when Email:Delivery:Mode is Pickup.");
                }

                break;
            case DeliveryMode.Smtp:
                ValidateSmtp(options.Smtp, Fail);
                break;
            default:
                Fail("Delivery:Mode", $"'{options.Delivery.Mode}' is not one of {string.Join(", ", Enum.GetNames<DeliveryMode>())}.");
                break;
        }

        if (SendLogProviders.Parse(options.SendLog.Provider) is null)
        {
            Fail("SendLog:Provider", $"'{options.SendLog.Provider}' is not one of {string.Join(", ", SendLogProviders.All)}.");
        }

        if (string.IsNullOrWhiteSpace(options.SendLog.ConnectionString))
        {
            Fail("SendLog:ConnectionString", "is required.");
        }

        if (string.IsNullOrWhiteSpace(options.Templates.Folder))
        {
            Fail("Templates:Folder", "is required.");
        }

        if (string.IsNullOrWhiteSpace(options.Templates.DefaultLocale))
        {
            Fail("Templates:DefaultLocale", "is required.");
        }

        return errors;
    }

    private static void ValidateSmtp(SmtpOptions smtp, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            fail("Smtp:Host", "is required when Email:Delivery:Mode is Smtp.");
        }

        if (smtp.Port is < 1 or > 65535)
        {
            fail("Smtp:Port", $"{smtp.Port} is not a TCP port (1-65535).");
        }

        if (!Enum.IsDefined(smtp.TlsMode))
        {
            fail("Smtp:TlsMode", $"'{smtp.TlsMode}' is not one of {string.Join(", ", Enum.GetNames<SmtpTlsMode>())}.");
        }

        var hasUser = !string.IsNullOrEmpty(smtp.Username);
        var hasPassword = !string.IsNullOrEmpty(smtp.Password);
        if (hasUser && !hasPassword)
        {
            fail("Smtp:Password", "is required when Email:Smtp:Username is set.");
        }
        else if (hasPassword && !hasUser)
        {
            fail("Smtp:Username", "is required when Email:Smtp:Password is set.");
        }

        if (smtp.MaxConnections is < 1 or > 64)
        {
            fail("Smtp:MaxConnections", $"{smtp.MaxConnections} is out of range (1-64).");
        }

        if (smtp.Timeout <= TimeSpan.Zero || smtp.Timeout > TimeSpan.FromMinutes(10))
        {
            fail("Smtp:Timeout", $"{smtp.Timeout} is out of range (above zero, at most 10 minutes).");
        }

        if (smtp.IdleTimeout < TimeSpan.Zero)
        {
            fail("Smtp:IdleTimeout", $"{smtp.IdleTimeout} must not be negative.");
        }
    }
}
