using SignupEmail.EmailNode.Delivery;
using SignupEmail.EmailNode.SendLog;
using SignupEmail.EmailNode.Templates;

namespace SignupEmail.EmailNode.Settings;

/// <summary>
/// Fails the node at start-up, not at the first signup: loads the templates, prepares the delivery
/// (the pickup folder is created) and creates the send log table if it is missing.
/// </summary>
/// <param name="services">The container the node's services live in.</param>
public sealed partial class EmailNodeStartup(IServiceProvider services) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var templates = services.GetRequiredService<WelcomeTemplates>();
        _ = services.GetRequiredService<WelcomeMessageRenderer>();
        var delivery = services.GetRequiredService<IMailDelivery>();
        await services.GetRequiredService<ISendLog>().EnsureSchemaAsync(cancellationToken);

        var logger = services.GetRequiredService<ILogger<EmailNodeStartup>>();
        if (logger.IsEnabled(LogLevel.Information))
        {
            var locales = string.Join(", ", templates.Locales);
            LogReady(logger, delivery.GetType().Name, locales);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Email node ready: delivery {Delivery}, template locales {Locales}, send log schema in place")]
    private static partial void LogReady(ILogger logger, string delivery, string locales);
}
