using SignupEmail.Shared.Kafka;

namespace SignupEmail.Shared.Tests;

public sealed class BootstrapServerListSpec
{
    [Theory]
    [InlineData("localhost:9092")]
    [InlineData("kafka-1:19092,kafka-2:19092,kafka-3:19092")]
    [InlineData("127.0.0.1:39001, 127.0.0.1:39002")]
    [InlineData("[::1]:9092")]
    [InlineData("broker.example.com:65535")]
    public void Accepts_host_port_lists(string servers)
    {
        Assert.Null(BootstrapServerList.Problem(servers));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_list_is_required(string? servers)
    {
        Assert.StartsWith("is required", BootstrapServerList.Problem(servers), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kafka", "kafka")]
    [InlineData(":9092", ":9092")]
    [InlineData("kafka:0", "kafka:0")]
    [InlineData("kafka:65536", "kafka:65536")]
    [InlineData("kafka:-1", "kafka:-1")]
    [InlineData("kafka:9092,,kafka-2:9092", "")]
    [InlineData("kafka:9092,kafka 2:9092", "kafka 2:9092")]
    [InlineData("http://kafka:9092", "http://kafka:9092")]
    public void Names_the_entry_that_is_not_host_port(string servers, string entry)
    {
        var problem = BootstrapServerList.Problem(servers);

        Assert.NotNull(problem);
        Assert.Contains($"'{entry}' is not host:port", problem, StringComparison.Ordinal);
    }
}
