using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using SignupEmail.Dashboard.Configuration;
using SignupEmail.Dashboard.Hosting;

namespace SignupEmail.Dashboard.Tests.Configuration;

/// <summary>Bad settings stop the start, each reason naming its configuration key.</summary>
public sealed class DashboardOptionsSpec
{
    [Fact]
    public void Defaults_follow_the_contract()
    {
        var options = new DashboardOptions();

        Assert.Equal(TimeSpan.FromSeconds(1), options.RefreshInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), options.LagHistory);
        Assert.False(options.Experiments.Enabled);
        Assert.Equal(2, options.Experiments.CalmRate);
        Assert.Equal(200, options.Experiments.MaxBurstRate);
        Assert.Equal(300, options.Experiments.MaxBurstSeconds);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Experiments.MaxMailDelay);
    }

    [Theory]
    [InlineData("Dashboard:UserNodeUrl", "", "Dashboard:UserNodeUrl must be an absolute http(s) URL")]
    [InlineData("Dashboard:UserNodeUrl", "ftp://node", "Dashboard:UserNodeUrl must be an absolute http(s) URL")]
    [InlineData("Dashboard:EmailNodeUrls:0", "not a url", "Dashboard:EmailNodeUrls:0 must be an absolute http(s) URL")]
    [InlineData("Dashboard:AdminKey", "", "Dashboard:AdminKey is required")]
    [InlineData("Dashboard:AdminKey", "short", "Dashboard:AdminKey must be at least 16 characters")]
    [InlineData("Dashboard:RefreshInterval", "00:00:00", "Dashboard:RefreshInterval must be greater than 00:00:00")]
    [InlineData("Dashboard:ReadTimeout", "-00:00:01", "Dashboard:ReadTimeout must be greater than 00:00:00")]
    [InlineData("Dashboard:LagHistory", "00:00:00.500", "Dashboard:LagHistory must be at least Dashboard:RefreshInterval")]
    [InlineData("Dashboard:Experiments:CalmRate", "0", "Dashboard:Experiments:CalmRate must be at least 1")]
    [InlineData("Dashboard:Experiments:MaxBurstRate", "0", "Dashboard:Experiments:MaxBurstRate must be at least 1")]
    [InlineData("Dashboard:Experiments:MaxBurstSeconds", "0", "Dashboard:Experiments:MaxBurstSeconds must be at least 1")]
    [InlineData("Dashboard:Experiments:MaxMailDelay", "00:02:00", "Dashboard:Experiments:MaxMailDelay must be between")]
    [InlineData("Dashboard:Experiments:MaxBurstRates", "10", "Dashboard:Experiments:MaxBurstRates")]
    public async Task A_bad_setting_fails_the_start_naming_its_key(string key, string value, string reason)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Dashboard:UserNodeUrl"] = "http://127.0.0.1:5080",
            ["Dashboard:EmailNodeUrls:0"] = "http://127.0.0.1:5090",
            ["Dashboard:AdminKey"] = "0123456789abcdef0123",
            [key] = value,
        };
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        await using var app = DashboardApplication.Build(builder);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_email_node_at_all_is_refused_naming_the_list()
    {
        var result = new DashboardOptionsValidator().Validate(null, new DashboardOptions
        {
            UserNodeUrl = "http://127.0.0.1:5080",
            AdminKey = "0123456789abcdef0123",
        });

        Assert.Contains("Dashboard:EmailNodeUrls must list at least one Email node URL.", result.Failures!);
    }
}
