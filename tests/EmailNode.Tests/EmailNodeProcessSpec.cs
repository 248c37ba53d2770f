using SignupEmail.Testing;

namespace SignupEmail.EmailNode.Tests;

/// <summary>The built Email node as its own process, started the way an operator starts it.</summary>
public sealed class EmailNodeProcessSpec
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "SignupEmail.EmailNode.dll");

    [Theory]
    [InlineData("Email__Kafka__BootstrapServers", "kafka", "Email:Kafka:BootstrapServers")]
    [InlineData("Email__Delivery__Mode", "Smtp", "Email:Smtp:Host")]
    [InlineData("Email__Delivery__Mode", "Carrier-Pigeon", "Email:Delivery:Mode")]
    [InlineData("Email__SendLog__Provider", "Oracle", "Email:SendLog:Provider")]
    [InlineData("Email__From", "not a mailbox", "Email:From")]
    [InlineData("Email__Delivery__MaxAttemps", "3", "Email:Delivery:MaxAttemps: is not a setting of this node")]
    [InlineData("Email__Kafka__Retry__MaxBackof", "00:00:05", "Email:Kafka:Retry:MaxBackof: is not a setting of this node, did you mean Email:Kafka:Retry:MaxBackoff?")]
    public async Task A_bad_setting_stops_the_node_at_start_with_exit_code_one_naming_its_key(string variable, string value, string key)
    {
        var folder = Directory.CreateTempSubdirectory("signupemail-email-node-").FullName;
        try
        {
            using var node = ChildProcess.Start("email-node", Dll, ["--urls", "http://127.0.0.1:0"], new Dictionary<string, string>
            {
                ["Email__SendLog__ConnectionString"] = $"Data Source={Path.Combine(folder, "send-log.db")}",
                ["Email__Pickup__Folder"] = Path.Combine(folder, "mail"),
                [variable] = value,
            });

            var exitCode = await node.WaitForExitAsync(TimeSpan.FromSeconds(60));

            Assert.True(exitCode == 1, $"exit code {exitCode} (1 = did not start; 134 would be a crash); output:\n{node.Output}");
            Assert.Contains("The Email node did not start:", node.Output, StringComparison.Ordinal);
            Assert.Contains(key, node.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
