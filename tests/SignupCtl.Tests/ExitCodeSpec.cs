using System.Net;
using System.Net.Sockets;

namespace SignupEmail.SignupCtl.Tests;

/// <summary>
/// Exit codes and their one line: 1 when the node answers with a problem, 2 for usage errors, a node
/// that cannot be reached, a refused key or a node without an admin API.
/// </summary>
public sealed class ExitCodeSpec : IDisposable
{
    private readonly ScriptedAdminApi _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_refused_key_exits_two_with_one_line_saying_which_node_refused_it_and_how_to_set_the_key()
    {
        _api.Problem("GET", "/admin/cluster", HttpStatusCode.Unauthorized, ContractJson.Problem(401, "The admin key is not valid."));

        var result = await SignupCtlRun.Against(_api).RunAsync("cluster", "show");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "signupctl: the admin key was refused by http://127.0.0.1:5080 (401); set --key or SIGNUPCTL_KEY.",
            result.Errors);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task A_node_that_does_not_listen_exits_two_naming_its_address_and_the_setting()
    {
        var port = ClosedPort();
        using var network = new SocketsHttpHandler();

        var result = await SignupCtlRun.Against(network).RunAsync("kafka", "lag", "--email-node", $"http://127.0.0.1:{port}");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"signupctl: cannot reach the Email node at http://127.0.0.1:{port} (", result.Errors, StringComparison.Ordinal);
        Assert.EndsWith("Set --email-node or SIGNUPCTL_EMAIL_NODE.", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Errors);
    }

    [Fact]
    public async Task A_conflict_problem_exits_one_with_its_title_and_detail_on_one_line()
    {
        _api.Problem("POST", "/admin/cluster/down", HttpStatusCode.Conflict,
            ContractJson.Problem(409, "Refusing to down this node.", "Pass force to down the node you are asking."));

        var result = await SignupCtlRun.Against(_api).RunAsync("cluster", "down", ContractJson.Self);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("signupctl: Refusing to down this node: Pass force to down the node you are asking", result.Errors);
    }

    [Fact]
    public async Task A_not_found_problem_exits_one_with_its_text()
    {
        _api.Problem("GET", "/admin/mail?email=nobody%40example.com", HttpStatusCode.NotFound,
            ContractJson.Problem(404, "Nothing is logged for this address."));

        var result = await SignupCtlRun.Against(_api).RunAsync("mail", "status", "nobody@example.com");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("signupctl: Nothing is logged for this address", result.Errors);
    }

    [Fact]
    public async Task A_validation_problem_exits_one_naming_the_field()
    {
        _api.Problem("POST", "/admin/dead-letters/replay", HttpStatusCode.BadRequest,
            ContractJson.Problem(400, "One or more validation errors occurred.", errors: """{ "partition": ["The topic has 3 partitions (0-2)."] }"""));

        var result = await SignupCtlRun.Against(_api).RunAsync("dlt", "replay", "7:0");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("signupctl: One or more validation errors occurred (partition: The topic has 3 partitions (0-2).)", result.Errors);
    }

    [Fact]
    public async Task A_service_unavailable_problem_exits_one()
    {
        _api.Problem("GET", "/admin/kafka/topics", HttpStatusCode.ServiceUnavailable,
            ContractJson.Problem(503, "Kafka did not answer in time.", "Retry after 5 s."));

        var result = await SignupCtlRun.Against(_api).RunAsync("kafka", "topics");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("signupctl: Kafka did not answer in time: Retry after 5 s", result.Errors);
    }

    [Fact]
    public async Task A_node_without_an_admin_api_exits_two_and_says_which_setting_turns_it_on()
    {
        // Nothing scripted: every route answers 404 without a body, as a node without a key does.
        var result = await SignupCtlRun.Against(_api).RunAsync("publisher", "status");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("has no admin API here (404", result.Errors, StringComparison.Ordinal);
        Assert.Contains("UserNode:Admin:ApiKey", result.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cluster", "bogus")]
    [InlineData("kafka", "lag", "--interval", "soon")]
    [InlineData("dlt", "replay")]
    [InlineData("dlt", "replay", "0:x")]
    [InlineData("dlt", "replay", "0:3", "--all")]
    [InlineData("dlt", "list", "--limit", "0")]
    [InlineData("kafka", "lag", "--count", "2")]
    [InlineData("node", "info")]
    [InlineData("node", "info", "--user", "--email")]
    [InlineData("mail", "status")]
    public async Task A_usage_error_exits_two_with_one_line_and_calls_no_node(params string[] args)
    {
        var result = await SignupCtlRun.Against(_api).RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("signupctl: ", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Errors);
        Assert.Empty(_api.Received);
    }

    [Fact]
    public async Task No_key_anywhere_exits_two_before_calling_a_node()
    {
        var result = await new SignupCtlRun(_api).RunAsync("cluster", "show");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("signupctl: no admin key: set --key or SIGNUPCTL_KEY (the launcher prints it as ADMIN_KEY).", result.Errors);
        Assert.Empty(_api.Received);
    }

    [Fact]
    public async Task An_address_that_is_not_http_exits_two_naming_the_flag()
    {
        var result = await SignupCtlRun.Against(_api).RunAsync("cluster", "show", "--user-node", "127.0.0.1:5080");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--user-node or SIGNUPCTL_USER_NODE", result.Errors, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
