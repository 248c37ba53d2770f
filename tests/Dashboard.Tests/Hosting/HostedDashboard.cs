using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SignupEmail.Dashboard.Actions;
using SignupEmail.Dashboard.Hosting;
using SignupEmail.Dashboard.Snapshot;

namespace SignupEmail.Dashboard.Tests.Hosting;

/// <summary>The dashboard in this process on a free port, exactly as its own Program builds it, watching <see cref="FakeNodes"/>.</summary>
internal sealed class HostedDashboard : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HostedDashboard(WebApplication app, string webRoot)
    {
        _app = app;
        WebRoot = webRoot;
    }

    public string Url => _app.Urls.First();

    public string WebRoot { get; }

    public SnapshotRefresher Refresher => _app.Services.GetRequiredService<SnapshotRefresher>();

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a dashboard; <paramref name="settings"/> override the defaults (keys under <c>Dashboard:</c>).</summary>
    public static async Task<HostedDashboard> StartAsync(
        FakeNodes nodes, IReadOnlyDictionary<string, string?>? settings = null, IBrokerControl? brokers = null)
    {
        var webRoot = Directory.CreateTempSubdirectory("signupemail-dashboard-web-").FullName;
        await File.WriteAllTextAsync(Path.Combine(webRoot, "index.html"), "<!doctype html><title>dashboard</title><main id=\"dashboard\"></main>");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { WebRootPath = webRoot });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dashboard:UserNodeUrl"] = nodes.Url,
            ["Dashboard:EmailNodeUrls:0"] = nodes.Url,
            ["Dashboard:AdminKey"] = FakeNodes.Key,
            ["Dashboard:RefreshInterval"] = "00:00:00.200",
            // Generous: a busy test machine must not turn a slow answer into a failed source.
            ["Dashboard:ReadTimeout"] = "00:00:10",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        if (brokers is not null)
        {
            builder.Services.AddSingleton(brokers);
        }

        var app = DashboardApplication.Build(builder);
        await app.StartAsync();
        return new HostedDashboard(app, webRoot);
    }

    /// <summary>A client that does not follow redirects and keeps cookies, like a browser tab.</summary>
    public HttpClient Client(string? adminKey = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = new Uri(Url),
            Timeout = TimeSpan.FromSeconds(20),
        };
        if (adminKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Admin-Key", adminKey);
        }

        return client;
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(WebRoot, recursive: true);
    }
}
