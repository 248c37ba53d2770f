using System.Net;
using System.Net.Sockets;
using SignupEmail.Testing;

namespace SignupEmail.EmailNode.Tests.Consuming;

/// <summary>The built Email node as its own process: a Kafka problem found at start ends it with exit code 1 naming the key.</summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaStartupProcessSpec(KafkaClusterFixture kafka) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _folder = Directory.CreateTempSubdirectory("signupemail-email-start-").FullName;

    private static string Dll => Path.Combine(AppContext.BaseDirectory, "SignupEmail.EmailNode.dll");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_topic_name_with_a_typo_ends_the_process_with_exit_code_one_naming_Email_Kafka_Topic()
    {
        var typo = $"user.signed-up-typo.{Guid.NewGuid():N}";

        var output = await FailedStartAsync(new()
        {
            ["Email__Kafka__BootstrapServers"] = kafka.BootstrapServers,
            ["Email__Kafka__Topic"] = typo,
            ["Email__Kafka__DeadLetterTopic"] = kafka.CreateUniqueTopic("process-dlt"),
        });

        Assert.Contains($"  Email:Kafka:Topic '{typo}' does not exist on the cluster ({kafka.BootstrapServers}).", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_brokers_end_the_process_with_exit_code_one_naming_Email_Kafka_BootstrapServers()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closed = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();

        var output = await FailedStartAsync(new()
        {
            ["Email__Kafka__BootstrapServers"] = closed,
            ["Email__Kafka__StartupTimeout"] = "00:00:03",
        });

        Assert.Contains($"  Email:Kafka:BootstrapServers '{closed}': no Kafka broker answered within 3 s (Email:Kafka:StartupTimeout", output, StringComparison.Ordinal);
    }

    private async Task<string> FailedStartAsync(Dictionary<string, string> settings)
    {
        settings["Email__SendLog__ConnectionString"] = $"Data Source={Path.Combine(_folder, "send-log.db")}";
        settings["Email__Pickup__Folder"] = Path.Combine(_folder, "mail");
        using var node = ChildProcess.Start("email-node", Dll, ["--urls", "http://127.0.0.1:0"], settings);

        var exitCode = await node.WaitForExitAsync(Patience);

        Assert.True(exitCode == 1, $"exit code {exitCode} (1 = did not start; 134 would be a crash); output:\n{node.Output}");
        Assert.Contains("The Email node did not start:", node.Output, StringComparison.Ordinal);
        return node.Output;
    }
}
