using System.Net;
using System.Net.Http.Json;
using MimeKit;
using SignupEmail.Testing;

namespace SignupEmail.Dashboard.BrowserTests;

/// <summary>
/// The one-command run (the launcher as a child process, as a user starts it) that the browser tests
/// open the dashboard of: embedded 3-broker Kafka, User node, Email node writing <c>.eml</c> files,
/// dashboard with experiments on. One per test class, in a folder of its own.
/// </summary>
public sealed class DashboardRun : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private OneCommandLauncher? _launcher;

    /// <summary>The dashboard's address, ending with <c>/</c>.</summary>
    public Uri DashboardUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The User node's signup endpoint (<c>POST /api/users</c>).</summary>
    public Uri SignupUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Where the Email node writes the welcome e-mails.</summary>
    public string MailFolder { get; private set; } = string.Empty;

    /// <summary>The embedded brokers, for a test's own Kafka client.</summary>
    public string BootstrapServers { get; private set; } = string.Empty;

    /// <summary>The key that logs in to the dashboard (and opens both nodes' admin API).</summary>
    public string AdminKey { get; private set; } = string.Empty;

    /// <summary>The launcher's output so far, for failure messages.</summary>
    public string Tail => _launcher?.Tail(40) ?? string.Empty;

    public async Task InitializeAsync()
    {
        _launcher = OneCommandLauncher.Start(
            "dashboard-browser-",
            new Dictionary<string, string>
            {
                // Every signup of a test (and of the dashboard's burst) comes from 127.0.0.1: lift the
                // per-client limit, as a user would through the environment, so all are accepted.
                ["UserNode__Signup__RateLimit__PermitLimit"] = "1000",
            });
        DashboardUrl = new Uri(await _launcher.ValueAsync("DASHBOARD_URL", ReadyTimeout));
        SignupUrl = new Uri(await _launcher.ValueAsync("SIGNUP_URL", TimeSpan.FromSeconds(5)));
        MailFolder = await _launcher.ValueAsync("MAIL_FOLDER", TimeSpan.FromSeconds(5));
        BootstrapServers = await _launcher.ValueAsync("KAFKA_BOOTSTRAP_SERVERS", TimeSpan.FromSeconds(5));
        AdminKey = await _launcher.ValueAsync("ADMIN_KEY", TimeSpan.FromSeconds(5));
    }

    /// <summary>Signs a user up straight through the User node's HTTP API; returns the status.</summary>
    public async Task<HttpStatusCode> SignUpAsync(string address)
    {
        using var response = await _http.PostAsJsonAsync(SignupUrl, new
        {
            email = address,
            name = "Dashboard Test",
            password = "correct horse battery staple",
            locale = "en",
        });
        return response.StatusCode;
    }

    /// <summary>
    /// Calls a dashboard action with the admin key instead of the page, for a test's clean-up
    /// (e.g. start a broker again after a failure); fails unless it answers 2xx.
    /// </summary>
    public async Task ActionAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(DashboardUrl, path));
        request.Headers.Add("X-Admin-Key", AdminKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await _http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The recipient of every welcome e-mail written so far.</summary>
    public IReadOnlyList<string> MailRecipients() =>
        Directory.Exists(MailFolder)
            ? [.. Directory.GetFiles(MailFolder, "*.eml").Select(file => MimeMessage.Load(file).To.Mailboxes.Single().Address)]
            : [];

    public async Task DisposeAsync()
    {
        if (_launcher is not null)
        {
            await _launcher.DisposeAsync();
        }
    }

    public void Dispose() => _http.Dispose();
}
