using System.Text.Json;
using static SignupEmail.SignupCtl.Tests.UserNodeCommandsSpec;

namespace SignupEmail.SignupCtl.Tests;

/// <summary><c>--json</c>: every command prints the node's answer as indented JSON that parses to the same document.</summary>
public sealed class JsonOutputSpec : IDisposable
{
    private readonly ScriptedAdminApi _api = new();

    public JsonOutputSpec() => _api
        .Get("/admin/cluster", ContractJson.Cluster)
        .Get("/admin/sharding/regions", ContractJson.Regions)
        .Get("/admin/sharding/stats", ContractJson.ShardingStats)
        .Get("/admin/publisher", ContractJson.Publisher)
        .Get("/admin/kafka/topics", ContractJson.Topics)
        .Get("/admin/kafka/lag", ContractJson.Lag)
        .Get("/admin/mail?email=minji%40example.com", ContractJson.Mail)
        .Get("/admin/node", ContractJson.UserNodeInfo)
        .Post("/admin/dead-letters/replay", """{ "replayed": 1 }""");

    public void Dispose() => _api.Dispose();

    [Theory]
    [InlineData(ContractJson.Cluster, "cluster", "show")]
    [InlineData(ContractJson.Regions, "sharding", "regions")]
    [InlineData(ContractJson.ShardingStats, "sharding", "stats")]
    [InlineData(ContractJson.Publisher, "publisher", "status")]
    [InlineData(ContractJson.Topics, "kafka", "topics")]
    [InlineData(ContractJson.Lag, "kafka", "lag")]
    [InlineData(ContractJson.Mail, "mail", "status", "minji@example.com")]
    [InlineData(ContractJson.UserNodeInfo, "node", "info", "--user")]
    [InlineData("""{ "replayed": 1 }""", "dlt", "replay", "0:3")]
    public async Task Json_prints_the_nodes_answer_indented(string answer, params string[] command)
    {
        var result = await SignupCtlRun.Against(_api).RunAsync([.. command, "--json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(answer).RootElement, JsonDocument.Parse(result.Output).RootElement), result.Output);
        Assert.Contains("\n  \"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_keeps_offsets_and_non_ascii_text_as_the_node_wrote_them()
    {
        using var email = new ScriptedAdminApi();
        email.Get("/admin/mail?email=%EA%B9%80%EB%AF%BC%EC%A7%80%40example.com", ContractJson.Mail.Replace("minji@", "김민지@", StringComparison.Ordinal));

        var result = await SignupCtlRun.Against(email).RunAsync("mail", "status", "김민지@example.com", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"recipient\": \"김민지@example.com\"", result.Output, StringComparison.Ordinal);
        Assert.Contains("\"recordedAt\": \"2026-12-04T09:22:11+00:00\"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_info_shows_the_node_and_its_settings_as_the_node_masked_them()
    {
        using var email = new ScriptedAdminApi();
        email.Get("/admin/node", ContractJson.EmailNodeInfo);

        var result = await SignupCtlRun.Against(email).RunAsync("node", "info", "--email");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(new Uri("http://127.0.0.1:5090/admin/node"), Assert.Single(email.Received).Uri);
        var rows = result.OutputLines.Select(Row).ToList();
        Assert.Contains("Node|email", rows);
        Assert.Contains("Process id|4343", rows);
        Assert.Contains("Uptime|1.01:02:03", rows);
        Assert.Contains("Email:Admin:ApiKey|***", rows);
        Assert.Contains("Email:Delivery:Mode|Pickup", rows);
    }
}
