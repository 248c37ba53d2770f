using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SignupEmail.Shared.Hosting.Admin;

namespace SignupEmail.Shared.Tests.Hosting;

/// <summary>The shared <c>/admin</c> group behind real Kestrel: key semantics and the node summary's masking.</summary>
public sealed class AdminApiSpec
{
    private const string Key = "0123456789abcdef-admin";

    [Fact]
    public async Task Without_a_configured_key_the_admin_routes_do_not_exist()
    {
        await using var node = await StartAsync(key: "");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/node");
        request.Headers.Add(AdminKey.HeaderName, Key);
        Assert.Equal(HttpStatusCode.NotFound, (await node.Client.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData(null, "The X-Admin-Key header is required.")]
    [InlineData("not-the-admin-key-at-all", "The admin key is not valid.")]
    [InlineData("0123456789abcdef-admiN", "The admin key is not valid.")]
    public async Task A_missing_or_wrong_key_gets_401_problem_details(string? supplied, string title)
    {
        await using var node = await StartAsync(Key);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/node");
        if (supplied is not null)
        {
            request.Headers.Add(AdminKey.HeaderName, supplied);
        }

        using var response = await node.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(AdminKey.HeaderName, Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        var problem = await response.Content.ReadFromJsonAsync<ProblemBody>();
        Assert.Equal(title, problem?.Title);
    }

    [Fact]
    public async Task Node_info_shows_the_settings_with_every_secret_masked()
    {
        await using var node = await StartAsync(Key);
        node.Client.DefaultRequestHeaders.Add(AdminKey.HeaderName, Key);
        var info = await node.Client.GetFromJsonAsync<NodeInfo>("/admin/node");

        Assert.NotNull(info);
        Assert.Equal("test", info.Node);
        Assert.Equal(Environment.ProcessId, info.ProcessId);
        Assert.True(info.Uptime > TimeSpan.Zero);
        var settings = info.Configuration;
        Assert.Equal("Sqlite", settings["Test:Persistence:Provider"]);
        Assert.Equal(ConfigurationSummary.Mask, settings["Test:Admin:ApiKey"]);
        Assert.Equal(ConfigurationSummary.Mask, settings["Test:Smtp:Password"]);
        Assert.Equal(ConfigurationSummary.Mask, settings["Test:Kafka:KafkaProperties:sasl.password"]);
        Assert.Equal(ConfigurationSummary.Mask, settings["Test:Kafka:KafkaProperties:sasl.jaas.config"]);
        Assert.Equal("100000", settings["Test:Signup:PasswordHashIterations"]);
        Assert.Contains("password=***", settings["Test:Persistence:ConnectionString"], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("host=db", settings["Test:Persistence:ConnectionString"], StringComparison.OrdinalIgnoreCase);
        Assert.False(settings.ContainsKey("Other:Secret"), "only the node's own sections are summarised");
        Assert.DoesNotContain(settings.Values, value => value.Contains("hunter2", StringComparison.Ordinal) || value.Contains(Key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Host=db;Password=hunter2", "host=db;password=***")]
    [InlineData("Data Source=x.db", "data source=x.db")]
    [InlineData("Server=db;Pwd='a;b'", "server=db;pwd=***")]
    [InlineData("not = a = connection ; string'", ConfigurationSummary.Mask)]
    public void Connection_strings_keep_everything_but_the_password(string value, string shown) =>
        Assert.Equal(shown, ConfigurationSummary.Masked("X:ConnectionString", value), ignoreCase: true);

    private static async Task<RunningNode> StartAsync(string key)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Test:Persistence:Provider"] = "Sqlite",
            ["Test:Persistence:ConnectionString"] = "Host=db;Username=app;Password=hunter2",
            ["Test:Admin:ApiKey"] = key,
            ["Test:Smtp:Password"] = "hunter2",
            ["Test:Kafka:KafkaProperties:sasl.password"] = "hunter2",
            ["Test:Kafka:KafkaProperties:sasl.jaas.config"] = "user=app password=hunter2",
            ["Test:Signup:PasswordHashIterations"] = "100000",
            ["Other:Secret"] = "not shown",
        });
        builder.Services.AddSingleton(new AdminKey(key));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        var app = builder.Build();
        app.MapAdminApi("test", "Test");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new RunningNode(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    private sealed record ProblemBody(string? Title, int? Status);

    private sealed record RunningNode(WebApplication App, HttpClient Client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
