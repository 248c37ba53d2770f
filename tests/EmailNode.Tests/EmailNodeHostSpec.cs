using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SignupEmail.EmailNode.Delivery;
using SignupEmail.EmailNode.SendLog;
using SignupEmail.EmailNode.Settings;
using SignupEmail.EmailNode.Templates;

namespace SignupEmail.EmailNode.Tests;

public sealed class EmailNodeHostSpec : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("signupemail-host-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    private IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = _root.FullName,
            EnvironmentName = Environments.Production,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddEmailNode(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task A_pickup_node_starts_with_its_folder_and_send_log_ready_and_delivers()
    {
        using var host = Build(EmailOptionsValidationSpec.ValidPickup(_root.FullName));

        await host.StartAsync();
        try
        {
            var delivery = Assert.IsType<PickupFolderMailDelivery>(host.Services.GetRequiredService<IMailDelivery>());
            Assert.True(Directory.Exists(Path.Combine(_root.FullName, "pickup")));
            var sendLog = host.Services.GetRequiredService<ISendLog>();
            Assert.Equal(0, await sendLog.CountAsync(null, CancellationToken.None));

            var @event = TestEvents.Korean();
            var mail = host.Services.GetRequiredService<WelcomeMessageRenderer>().Render(@event);
            await delivery.DeliverAsync(mail, CancellationToken.None);
            Assert.True(File.Exists(delivery.PathFor(@event.EventId)));
            Assert.Equal("welcome@signupemail.test", mail.Message.From.Mailboxes.Single().Address);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Relative_paths_are_taken_from_the_content_root()
    {
        var settings = EmailOptionsValidationSpec.ValidPickup(_root.FullName);
        settings["Email:Pickup:Folder"] = "relative-pickup";
        using var host = Build(settings);

        await host.StartAsync();
        await host.StopAsync();

        Assert.True(Directory.Exists(Path.Combine(_root.FullName, "relative-pickup")));
    }

    [Fact]
    public void Smtp_mode_selects_smtp_delivery()
    {
        var settings = EmailOptionsValidationSpec.ValidPickup(_root.FullName);
        settings["Email:Delivery:Mode"] = "Smtp";
        settings["Email:Smtp:Host"] = "127.0.0.1";
        using var host = Build(settings);

        Assert.IsType<SmtpMailDelivery>(host.Services.GetRequiredService<IMailDelivery>());
    }

    [Fact]
    public async Task Smtp_mode_without_a_host_fails_at_start_naming_the_key()
    {
        var settings = EmailOptionsValidationSpec.ValidPickup(_root.FullName);
        settings["Email:Delivery:Mode"] = "Smtp";
        using var host = Build(settings);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Email:Smtp:Host", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_delivery_mode_fails_at_start_naming_the_key()
    {
        var settings = EmailOptionsValidationSpec.ValidPickup(_root.FullName);
        settings["Email:Delivery:Mode"] = "CarrierPigeon";
        using var host = Build(settings);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("Email:Delivery:Mode", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_template_folder_fails_at_start_naming_the_key()
    {
        var settings = EmailOptionsValidationSpec.ValidPickup(_root.FullName);
        settings["Email:Templates:Folder"] = "no-such-templates";
        using var host = Build(settings);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("Email:Templates:Folder", ex.Message, StringComparison.Ordinal);
    }
}
