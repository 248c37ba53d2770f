using System.Net;
using System.Text.RegularExpressions;
using SignupEmail.Testing;

namespace SignupEmail.DevHost.Tests;

/// <summary>
/// The launcher's admin key: one for both nodes, generated per run unless configured, printed in the
/// ready block with a signupctl line to paste.
/// </summary>
public sealed partial class AdminKeySpec : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private readonly string _folder = Directory.CreateTempSubdirectory("signupemail-launcher-key-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_generated_key_is_printed_with_a_signupctl_line_and_opens_both_nodes_admin_api()
    {
        using var launcher = Launcher.Start(["--port", "0", "--email-port", "0", "--dashboard-port", "0"], _folder);
        var key = await launcher.WaitForValueAsync("ADMIN_KEY", ReadyTimeout);
        var userNode = await launcher.WaitForValueAsync("USER_NODE_URL", TimeSpan.FromSeconds(5));
        var emailNode = await launcher.WaitForValueAsync("EMAIL_NODE_URL", TimeSpan.FromSeconds(5));
        var inspect = await launcher.WaitForLineStartingWithAsync("Inspect: ", TimeSpan.FromSeconds(5));

        Assert.Matches(GeneratedKey(), key);
        Assert.Equal(
            $"Inspect: dotnet run --project src/SignupCtl -- --user-node {userNode} --email-node {emailNode} --key {key} cluster show",
            inspect);
        foreach (var node in new[] { userNode, emailNode })
        {
            Assert.Equal(HttpStatusCode.OK, await AdminNodeStatusAsync(node, key));
            Assert.Equal(HttpStatusCode.Unauthorized, await AdminNodeStatusAsync(node, key: null));
        }

        // The same key opens the dashboard, printed in the ready block too.
        var dashboard = await launcher.WaitForValueAsync("DASHBOARD_URL", TimeSpan.FromSeconds(5));
        Assert.Matches(DashboardUrl(), dashboard);
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"{dashboard}api/snapshot"))
        {
            request.Headers.Add("X-Admin-Key", key);
            using var snapshot = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
        }

        using (var anonymous = await _http.GetAsync($"{dashboard}api/snapshot"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        launcher.SendSignal(ChildProcess.SigTerm);
        Assert.Equal(0, await launcher.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_key_configured_for_one_node_is_used_for_both()
    {
        const string configured = "configured-admin-key-for-the-launcher";
        using var launcher = Launcher.Start(
            ["--port", "0", "--email-port", "0", "--dashboard-port", "0"], _folder, new Dictionary<string, string> { ["Email__Admin__ApiKey"] = configured });

        Assert.Equal(configured, await launcher.WaitForValueAsync("ADMIN_KEY", ReadyTimeout));
        var userNode = await launcher.WaitForValueAsync("USER_NODE_URL", TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, await AdminNodeStatusAsync(userNode, configured));

        launcher.SendSignal(ChildProcess.SigTerm);
        Assert.Equal(0, await launcher.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Different_keys_for_the_two_nodes_stop_the_start_naming_both_settings()
    {
        using var launcher = Launcher.Start(
            ["--port", "0", "--email-port", "0", "--dashboard-port", "0"],
            _folder,
            new Dictionary<string, string>
            {
                ["UserNode__Admin__ApiKey"] = "one-admin-key-0123456789",
                ["Email__Admin__ApiKey"] = "another-admin-key-0123456789",
            });

        var exitCode = await launcher.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 1, $"exit code {exitCode}; output:\n{launcher.Output}");
        Assert.Contains("UserNode:Admin:ApiKey and Email:Admin:ApiKey differ", launcher.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ADMIN_KEY=", launcher.Output, StringComparison.Ordinal);
    }

    private async Task<HttpStatusCode> AdminNodeStatusAsync(string nodeUrl, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{nodeUrl}/admin/node");
        if (key is not null)
        {
            request.Headers.Add("X-Admin-Key", key);
        }

        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    [GeneratedRegex("^[0-9a-f]{48}$")]
    private static partial Regex GeneratedKey();

    [GeneratedRegex("^http://127\\.0\\.0\\.1:[0-9]+/$")]
    private static partial Regex DashboardUrl();
}
