namespace SignupEmail.Deployment.Tests;

/// <summary>
/// The compose <c>dashboard</c> service: read-only (experiments off), watching the compose nodes, every
/// key one the dashboard reads, and valid once the admin key it needs is set.
/// </summary>
public sealed class DashboardServiceSpec
{
    private static readonly ComposeFile Compose = ComposeFile.Load();

    [Fact]
    public void It_is_built_from_the_dashboard_dockerfile_read_only_and_watches_the_compose_nodes()
    {
        var dashboard = Assert.Single(Compose.BuiltFrom(NodeKind.Dashboard.Dockerfile));
        var environment = dashboard.Environment;

        Assert.Equal("false", environment["Dashboard__Experiments__Enabled"]);
        Assert.Equal("http://user-node-1:8080", environment["Dashboard__UserNodeUrl"]);
        Assert.Equal("http://email-node:8080", environment["Dashboard__EmailNodeUrls__0"]);
        Assert.True(Compose.Services.ContainsKey("user-node-1"));
        Assert.True(Compose.Services.ContainsKey("email-node"));
        Assert.Contains(dashboard.Ports, p => p.ContainerPort == 8080);
    }

    [Fact]
    public void Every_key_is_read_by_the_dashboard_and_with_a_key_set_it_passes_its_validation()
    {
        var environment = new Dictionary<string, string>(Single().Environment) { ["Dashboard__AdminKey"] = "a-compose-admin-key-of-enough-length" };

        Problems.AssertNone(NodeSettingsCheck.UnreadKeys(NodeKind.Dashboard, environment), "dashboard: keys not read");
        Problems.AssertNone(NodeSettingsCheck.ValidationFailures(NodeKind.Dashboard, environment), "dashboard: invalid settings");
    }

    [Fact]
    public void A_misspelt_key_and_a_missing_admin_key_are_caught()
    {
        var misspelt = new Dictionary<string, string>(Single().Environment) { ["Dashboard__Experiments__Enable"] = "false" };

        Assert.NotEmpty(NodeSettingsCheck.UnreadKeys(NodeKind.Dashboard, misspelt));
        Assert.Contains(
            NodeSettingsCheck.ValidationFailures(NodeKind.Dashboard, Single().Environment),
            p => p.Contains("Dashboard:AdminKey", StringComparison.Ordinal));
    }

    private static ComposeService Single() => Assert.Single(Compose.BuiltFrom(NodeKind.Dashboard.Dockerfile));
}
