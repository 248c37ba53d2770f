using System.Net;
using System.Net.Http.Json;
using SignupEmail.Dashboard.Tests.Hosting;

namespace SignupEmail.Dashboard.Tests.Access;

/// <summary>Who gets in: a browser that logged in with the admin key, or a script sending X-Admin-Key; nobody else.</summary>
public sealed class LoginSpec : IAsyncLifetime
{
    private FakeNodes _nodes = null!;
    private HostedDashboard _dashboard = null!;

    public async Task InitializeAsync()
    {
        _nodes = await FakeNodes.StartAsync();
        _dashboard = await HostedDashboard.StartAsync(_nodes);
    }

    public async Task DisposeAsync()
    {
        await _dashboard.DisposeAsync();
        await _nodes.DisposeAsync();
    }

    [Fact]
    public async Task Without_a_login_the_page_redirects_to_the_login_form_and_the_api_answers_401_problem()
    {
        using var browser = _dashboard.Client();

        using var page = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        foreach (var api in new[] { "/api/snapshot", "/api/stream" })
        {
            using var response = await browser.GetAsync(api);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using var form = await browser.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("id=\"login\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"key\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"login-submit\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"login-error\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_shows_the_form_again_with_an_error_and_401()
    {
        using var browser = _dashboard.Client();
        using var response = await browser.PostAsync("/login", Form("not-the-admin-key-at-all"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("id=\"login-error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var api = await browser.GetAsync("/api/snapshot");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task The_right_key_gives_an_http_only_strict_cookie_that_opens_the_page_and_the_api_until_logout()
    {
        using var browser = _dashboard.Client();
        using var login = await browser.PostAsync("/login", Form(FakeNodes.Key));

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using (var page = await browser.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("id=\"dashboard\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var snapshot = await browser.GetAsync("/api/snapshot"))
        {
            Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
        }

        using (var logout = await browser.PostAsync("/logout", content: null))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }

        using var after = await browser.GetAsync("/api/snapshot");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task The_X_Admin_Key_header_works_instead_of_the_cookie_and_a_wrong_one_is_401()
    {
        using (var script = _dashboard.Client(FakeNodes.Key))
        using (var response = await script.GetAsync("/api/snapshot"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var wrong = _dashboard.Client("a-wrong-key-of-some-length");
        using var refused = await wrong.GetAsync("/api/snapshot");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_logged_in_browser_must_send_X_Dashboard_on_state_changing_calls()
    {
        using var browser = _dashboard.Client();
        using (await browser.PostAsync("/login", Form(FakeNodes.Key)))
        {
        }

        var replay = new { partition = 1, fromOffset = 3, toOffset = 3 };
        using (var forged = await browser.PostAsJsonAsync("/api/dead-letters/replay", replay))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
            Assert.Empty(_nodes.Received);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dead-letters/replay") { Content = JsonContent.Create(replay) };
        request.Headers.Add("X-Dashboard", "1");
        using var page = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private static FormUrlEncodedContent Form(string key) => new([new KeyValuePair<string, string>("key", key)]);
}
