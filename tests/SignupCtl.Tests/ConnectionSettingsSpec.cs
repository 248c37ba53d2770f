using SignupEmail.SignupCtl.Connection;

namespace SignupEmail.SignupCtl.Tests;

/// <summary>Where the nodes are and which key is sent: flags win over SIGNUPCTL_* variables, which win over the defaults.</summary>
public sealed class ConnectionSettingsSpec : IDisposable
{
    private readonly ScriptedAdminApi _api = new();

    public ConnectionSettingsSpec() =>
        _api.Get("/admin/cluster", ContractJson.Cluster).Get("/admin/kafka/lag", ContractJson.Lag);

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Environment_variables_name_the_nodes_and_the_key()
    {
        var run = new SignupCtlRun(_api, Environment(user: "http://users.example:7080", email: "http://mail.example:7090/", key: "from-the-environment-1234"));

        Assert.Equal(0, (await run.RunAsync("cluster", "show")).ExitCode);
        Assert.Equal(0, (await run.RunAsync("kafka", "lag")).ExitCode);

        Assert.Equal(new Uri("http://users.example:7080/admin/cluster"), _api.Received[0].Uri);
        Assert.Equal(new Uri("http://mail.example:7090/admin/kafka/lag"), _api.Received[1].Uri);
        Assert.All(_api.Received, request => Assert.Equal("from-the-environment-1234", request.AdminKey));
    }

    [Fact]
    public async Task Flags_win_over_environment_variables()
    {
        var run = new SignupCtlRun(_api, Environment(user: "http://users.example:7080", email: "http://mail.example:7090", key: "from-the-environment-1234"));

        var result = await run.RunAsync("cluster", "show", "--user-node", "http://flag.example:6080", "--key", "from-the-flag-123456789");
        Assert.Equal(0, result.ExitCode);

        var request = Assert.Single(_api.Received);
        Assert.Equal(new Uri("http://flag.example:6080/admin/cluster"), request.Uri);
        Assert.Equal("from-the-flag-123456789", request.AdminKey);
    }

    [Fact]
    public async Task Connection_options_may_come_before_the_command()
    {
        var run = new SignupCtlRun(_api);

        var result = await run.RunAsync("--user-node", "http://first.example:6080", "--key", "leading-key-1234567890", "--json", "cluster", "show");

        Assert.True(result.ExitCode == 0, result.ToString());
        var request = Assert.Single(_api.Received);
        Assert.Equal(new Uri("http://first.example:6080/admin/cluster"), request.Uri);
        Assert.Equal("leading-key-1234567890", request.AdminKey);
        Assert.StartsWith("{", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_addresses_the_launchers_default_ports_are_used()
    {
        Assert.Equal(0, (await SignupCtlRun.Against(_api).RunAsync("cluster", "show")).ExitCode);
        Assert.Equal(0, (await SignupCtlRun.Against(_api).RunAsync("kafka", "lag")).ExitCode);

        Assert.Equal(new Uri("http://127.0.0.1:5080/admin/cluster"), _api.Received[0].Uri);
        Assert.Equal(new Uri("http://127.0.0.1:5090/admin/kafka/lag"), _api.Received[1].Uri);
    }

    private static Dictionary<string, string> Environment(string user, string email, string key) => new()
    {
        [NodeKind.User.UrlVariable] = user,
        [NodeKind.Email.UrlVariable] = email,
        [NodeKind.KeyVariable] = key,
    };
}
