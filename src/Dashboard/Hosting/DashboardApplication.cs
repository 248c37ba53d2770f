using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using SignupEmail.Dashboard.Access;
using SignupEmail.Dashboard.Actions;
using SignupEmail.Dashboard.Configuration;
using SignupEmail.Dashboard.Snapshot;
using SignupEmail.Dashboard.Sources;
using SignupEmail.Dashboard.Streaming;
using SignupEmail.Shared.Hosting.Admin;

namespace SignupEmail.Dashboard.Hosting;

/// <summary>
/// The whole dashboard on a <see cref="WebApplicationBuilder"/>: its own process uses it (<c>Program.cs</c>,
/// the compose service) and so does the one-command launcher, which also registers an
/// <see cref="IBrokerControl"/> on <c>builder.Services</c> before calling <see cref="Build"/>.
/// </summary>
public static class DashboardApplication
{
    /// <summary>Path of the liveness probe.</summary>
    public const string LivePath = "/health/live";

    /// <summary>Path of the readiness probe (the dashboard needs nothing to be ready: a down node is shown, not fatal).</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>Registers the dashboard's services on <paramref name="builder"/> and maps its routes.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddDashboardOptions(builder.Configuration);
        services.TryAddSingletonTimeProvider();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = DashboardJson.Options.PropertyNamingPolicy);
        services.AddSingleton(provider => new AdminKey(provider.GetRequiredService<IOptions<DashboardOptions>>().Value.AdminKey));
        // Login cookies need not outlive the process: keys in memory, nothing written to the home folder.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddDashboardAuthentication();
        services.AddHealthChecks();

        services.AddHttpClient<NodeReader>(WithAdminKey);
        services.AddHttpClient<EmailNodeCommands>(WithAdminKey);
        services.AddHttpClient(BurstRunner.SignupClient, (provider, http) =>
        {
            http.BaseAddress = new Uri(provider.GetRequiredService<IOptions<DashboardOptions>>().Value.UserNodeUrl);
            http.Timeout = TimeSpan.FromSeconds(30);
        });
        services.AddSingleton<SnapshotSources>();
        services.AddSingleton<BurstRunner>();
        services.AddSingleton<MailDelayState>();
        services.AddSingleton<SnapshotRefresher>();
        services.AddHostedService(provider => provider.GetRequiredService<SnapshotRefresher>());

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks(LivePath);
        app.MapHealthChecks(ReadyPath);
        app.MapLogin();
        app.MapGet("/", (IWebHostEnvironment environment) => environment.WebRootFileProvider.GetFileInfo("index.html") is { Exists: true } page
                ? Results.Stream(page.CreateReadStream(), "text/html; charset=utf-8")
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "The dashboard page is missing.", detail: "wwwroot/index.html was not found."))
            .RequireAuthorization();
        app.MapGroup(DashboardAuthentication.ApiPrefix)
            .RequireAuthorization()
            .AddEndpointFilter<DashboardRequestHeader>()
            .MapSnapshots()
            .MapReplay()
            .MapActions();
        return app;
    }

    private static void WithAdminKey(IServiceProvider provider, HttpClient http) =>
        http.DefaultRequestHeaders.Add(AdminKey.HeaderName, provider.GetRequiredService<IOptions<DashboardOptions>>().Value.AdminKey);

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(s => s.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
