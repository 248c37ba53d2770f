using SignupEmail.Testing;

namespace SignupEmail.Dashboard.Tests.Live;

/// <summary>
/// The one-command run (the launcher, built next to the tests) as a child process: embedded 3-broker
/// Kafka, a User node, an Email node and the dashboard with experiments on, on free ports. Shared by
/// the specs of a class.
/// </summary>
public sealed class OneCommandRun : IAsyncLifetime
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private OneCommandLauncher? _launcher;

    public string DashboardUrl { get; private set; } = string.Empty;

    public string UserNodeUrl { get; private set; } = string.Empty;

    public string SignupUrl { get; private set; } = string.Empty;

    public string AdminKey { get; private set; } = string.Empty;

    public string Output => _launcher?.Output ?? string.Empty;

    public async Task InitializeAsync()
    {
        _launcher = OneCommandLauncher.Start("signupemail-dashboard-run-");
        DashboardUrl = await _launcher.ValueAsync("DASHBOARD_URL", ReadyTimeout);
        UserNodeUrl = await _launcher.ValueAsync("USER_NODE_URL", TimeSpan.FromSeconds(5));
        SignupUrl = await _launcher.ValueAsync("SIGNUP_URL", TimeSpan.FromSeconds(5));
        AdminKey = await _launcher.ValueAsync("ADMIN_KEY", TimeSpan.FromSeconds(5));
    }

    /// <summary>A client of the dashboard's API, authenticated by the admin key header like a script.</summary>
    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = new Uri(DashboardUrl), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_launcher is not null)
        {
            await _launcher.DisposeAsync();
        }
    }
}
