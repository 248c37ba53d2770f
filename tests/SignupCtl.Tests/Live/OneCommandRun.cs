using System.Net;
using System.Net.Http.Json;
using SignupEmail.SignupCtl.Connection;
using SignupEmail.Testing;

namespace SignupEmail.SignupCtl.Tests.Live;

/// <summary>
/// The one-command run (the launcher as a child process, as a user starts it) with a few users signed
/// up, shared by the live tests; signupctl reaches it through the SIGNUPCTL_* variables and the
/// ADMIN_KEY the launcher printed.
/// </summary>
public sealed class OneCommandRun : IAsyncLifetime, IDisposable
{
    public const int SignedUpUsers = 5;

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private readonly SocketsHttpHandler _network = new();
    private OneCommandLauncher? _launcher;

    public IReadOnlyList<string> Addresses { get; } =
        [.. Enumerable.Range(0, SignedUpUsers).Select(i => $"ctl{i}@signupctl.example")];

    public string UserNodeUrl { get; private set; } = string.Empty;

    public string EmailNodeUrl { get; private set; } = string.Empty;

    public string AdminKey { get; private set; } = string.Empty;

    public string BootstrapServers { get; private set; } = string.Empty;

    public string Output => _launcher?.Output ?? string.Empty;

    /// <summary>signupctl against this run, configured as an operator would: through the environment.</summary>
    public SignupCtlRun SignupCtl(string? key = null) => new(_network, new Dictionary<string, string>
    {
        [NodeKind.User.UrlVariable] = UserNodeUrl,
        [NodeKind.Email.UrlVariable] = EmailNodeUrl,
        [NodeKind.KeyVariable] = key ?? AdminKey,
    });

    public async Task InitializeAsync()
    {
        _launcher = OneCommandLauncher.Start(
            "signupctl-live-",
            new Dictionary<string, string>
            {
                // Users stay in memory for the whole class, so sharding stats count every signup.
                ["UserNode__Users__PassivateIdleAfter"] = "00:30:00",
            });
        UserNodeUrl = await _launcher.ValueAsync("USER_NODE_URL", ReadyTimeout);
        EmailNodeUrl = await _launcher.ValueAsync("EMAIL_NODE_URL", TimeSpan.FromSeconds(5));
        AdminKey = await _launcher.ValueAsync("ADMIN_KEY", TimeSpan.FromSeconds(5));
        BootstrapServers = await _launcher.ValueAsync("KAFKA_BOOTSTRAP_SERVERS", TimeSpan.FromSeconds(5));
        var signupUrl = await _launcher.ValueAsync("SIGNUP_URL", TimeSpan.FromSeconds(5));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var address in Addresses)
        {
            using var response = await http.PostAsJsonAsync(signupUrl, new
            {
                email = address,
                name = "Signupctl Test",
                password = "correct horse battery staple",
                locale = "en",
            });
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"signup of {address}: {(int)response.StatusCode}");
        }
    }

    public async Task DisposeAsync()
    {
        if (_launcher is not null)
        {
            await _launcher.DisposeAsync();
        }
    }

    public void Dispose() => _network.Dispose();
}
