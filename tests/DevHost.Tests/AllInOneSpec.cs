using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MimeKit;
using SignupEmail.Testing;

namespace SignupEmail.DevHost.Tests;

/// <summary>
/// The README's first command, end to end, as a user runs it: the launcher as a child process in an
/// empty folder, signups over HTTP, welcome e-mails as files under <c>./data/mail</c>, Ctrl+C/SIGTERM.
/// </summary>
public sealed class AllInOneSpec : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private readonly string _folder = Directory.CreateTempSubdirectory("signupemail-launcher-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Hundred_signups_become_hundred_welcome_emails_a_duplicate_is_refused_and_SIGTERM_exits_zero()
    {
        using var launcher = Launcher.Start(
            ["--port", "0", "--email-port", "0", "--dashboard-port", "0"],
            _folder,
            // One test client is one IP address: lift the per-client limit, through the environment
            // variables a user would set, so all hundred signups are accepted.
            new Dictionary<string, string> { ["UserNode__Signup__RateLimit__PermitLimit"] = "1000" });
        var signupUrl = await launcher.WaitForValueAsync("SIGNUP_URL", ReadyTimeout);
        var mailFolder = await launcher.WaitForValueAsync("MAIL_FOLDER", TimeSpan.FromSeconds(5));
        Assert.Equal(Path.Combine(_folder, "data", "mail"), mailFolder);

        var addresses = Enumerable.Range(0, 100).Select(i => $"user{i:000}@launcher.example").ToList();
        var statuses = await Task.WhenAll(addresses.Chunk(10).Select(async batch =>
        {
            var codes = new List<HttpStatusCode>();
            foreach (var address in batch)
            {
                using var response = await _http.PostAsJsonAsync(signupUrl, Body(address));
                codes.Add(response.StatusCode);
            }

            return codes;
        }));
        Assert.All(statuses.SelectMany(codes => codes), code => Assert.Equal(HttpStatusCode.Created, code));

        await Eventually.TrueAsync(
            () => Directory.Exists(mailFolder) && Directory.GetFiles(mailFolder, "*.eml").Length >= addresses.Count,
            TimeSpan.FromSeconds(30),
            $"100 welcome e-mails in {mailFolder}; launcher output:\n{launcher.Output}");
        var files = Directory.GetFiles(mailFolder, "*.eml");
        var recipients = files.Select(file => MimeMessage.Load(file).To.Mailboxes.Single().Address).Order().ToList();
        Assert.Equal(addresses, recipients);

        using (var duplicate = await _http.PostAsJsonAsync(signupUrl, Body(addresses[0])))
        {
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
            Assert.Equal("application/problem+json", duplicate.Content.Headers.ContentType?.MediaType);
        }

        var stopping = Stopwatch.StartNew();
        launcher.SendSignal(ChildProcess.SigTerm);
        var exitCode = await launcher.WaitForExitAsync(StopTimeout);
        Assert.True(exitCode == 0, $"exit code {exitCode} after SIGTERM ({stopping.Elapsed.TotalSeconds:0.0} s); output:\n{launcher.Output}");
        Assert.Contains("Stopped in", launcher.Output, StringComparison.Ordinal);
        Assert.Equal(addresses.Count, Directory.GetFiles(mailFolder, "*.eml").Length);
    }

    [Fact]
    public async Task Data_survives_a_restart_so_an_address_signed_up_before_is_still_a_duplicate_and_the_admin_key_is_new()
    {
        const string address = "kept@launcher.example";
        string firstKey;
        using (var first = Launcher.Start(["--port", "0", "--email-port", "0", "--dashboard-port", "0"], _folder))
        {
            var url = await first.WaitForValueAsync("SIGNUP_URL", ReadyTimeout);
            firstKey = await first.WaitForValueAsync("ADMIN_KEY", TimeSpan.FromSeconds(5));
            using var created = await _http.PostAsJsonAsync(url, Body(address));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            first.SendSignal(ChildProcess.SigInt);
            Assert.Equal(0, await first.WaitForExitAsync(StopTimeout));
        }

        using var second = Launcher.Start(["--port", "0", "--email-port", "0", "--dashboard-port", "0"], _folder);
        var secondUrl = await second.WaitForValueAsync("SIGNUP_URL", ReadyTimeout);
        // The admin key is not data: a new one each run, so a key seen once does not open the next run.
        Assert.NotEqual(firstKey, await second.WaitForValueAsync("ADMIN_KEY", TimeSpan.FromSeconds(5)));
        using var again = await _http.PostAsJsonAsync(secondUrl, Body(address));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        second.SendSignal(ChildProcess.SigTerm);
        Assert.Equal(0, await second.WaitForExitAsync(StopTimeout));
    }

    [Theory]
    [InlineData("UserNode__Persistence__Provider", "Oracle", "UserNode:Persistence:Provider")]
    [InlineData("Email__Delivery__Mode", "Smtp", "Email:Smtp:Host")]
    [InlineData("Email__SendLog__Provider", "MySql", "Email:SendLog:Provider")]
    public async Task A_bad_setting_stops_the_start_with_exit_code_one_naming_the_key(string variable, string value, string key)
    {
        using var launcher = Launcher.Start(
            ["--port", "0", "--email-port", "0", "--dashboard-port", "0"], _folder, new Dictionary<string, string> { [variable] = value });

        var exitCode = await launcher.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 1, $"exit code {exitCode}; output:\n{launcher.Output}");
        Assert.Contains("did not start", launcher.Output, StringComparison.Ordinal);
        Assert.Contains(key, launcher.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SIGNUP_URL=", launcher.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_is_refused_with_exit_code_two_and_the_option_named()
    {
        using var launcher = Launcher.Start(["--prot", "5080"], _folder);

        Assert.Equal(2, await launcher.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("--prot", launcher.Output, StringComparison.Ordinal);
    }

    private static JsonElement Body(string address) => JsonSerializer.SerializeToElement(new
    {
        email = address,
        name = "Launcher Test",
        password = "correct horse battery staple",
        locale = "en",
    });
}
