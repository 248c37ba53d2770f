using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MimeKit;
using SignupEmail.EmailNode.Admin;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.EmailNode.Delivery;
using SignupEmail.EmailNode.SendLog;
using SignupEmail.EmailNode.Templates;
using SignupEmail.Shared.Configuration;
using SignupEmail.Shared.Hosting.Telemetry;

namespace SignupEmail.EmailNode.Settings;

/// <summary>Registers the Email node's services from the <c>Email</c> configuration section.</summary>
public static class EmailNodeServiceCollectionExtensions
{
    /// <summary>
    /// The settings type bound at each path under <c>Email</c>: a key none of them has fails the start.
    /// A section bound from a type of its own elsewhere must be listed here.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Type> SettingsTypes = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        [string.Empty] = typeof(EmailOptions),
        ["Kafka"] = typeof(ConsumingOptions),
        ["Admin"] = typeof(AdminOptions),
        ["Telemetry"] = typeof(NodeTelemetryOptions),
    };

    /// <summary>
    /// Adds options (validated at start-up, unknown keys under <c>Email</c> included), templates, the
    /// renderer, the delivery chosen by <c>Email:Delivery:Mode</c>, the send log, and the start-up check
    /// that prepares them.
    /// </summary>
    public static IServiceCollection AddEmailNode(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>());
        services.AddSingleton<IValidateOptions<EmailOptions>>(
            new UnknownSettingKeysValidator<EmailOptions>(configuration, EmailOptions.SectionName, SettingsTypes));
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp =>
        {
            var options = Options(sp);
            return WelcomeTemplates.Load(
                EmailOptions.ResolvePath(options.Templates.Folder, ContentRoot(sp)), options.Templates.DefaultLocale);
        });
        services.TryAddSingleton(sp => new WelcomeMessageRenderer(
            sp.GetRequiredService<WelcomeTemplates>(),
            MailboxAddress.Parse(Options(sp).From),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IMailDelivery>(sp =>
        {
            var options = Options(sp);
            return options.Delivery.Mode switch
            {
                DeliveryMode.Smtp => new SmtpMailDelivery(
                    options.Smtp, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SmtpMailDelivery>>()),
                _ => new PickupFolderMailDelivery(
                    EmailOptions.ResolvePath(options.Pickup.Folder, ContentRoot(sp)),
                    sp.GetRequiredService<ILogger<PickupFolderMailDelivery>>()),
            };
        });
        services.TryAddSingleton<ISendLog>(sp => new SqlSendLog(Options(sp).SendLog, sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<EmailNodeStartup>();
        return services;
    }

    private static EmailOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<EmailOptions>>().Value;

    private static string ContentRoot(IServiceProvider services) =>
        services.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
}
