namespace SignupEmail.Deployment.Tests;

/// <summary>
/// docker-compose.yml cannot drift from the code: every environment key of a node service is one
/// the node reads, and every value passes the node's own validation.
/// </summary>
public sealed class ComposeEnvironmentSpec
{
    private static readonly ComposeFile Compose = ComposeFile.Load();

    [Fact]
    public void The_file_has_two_user_node_services_and_one_email_node_service()
    {
        Assert.Equal(2, Compose.BuiltFrom(NodeKind.User.Dockerfile).Count);
        Assert.Single(Compose.BuiltFrom(NodeKind.Email.Dockerfile));
    }

    [Fact]
    public void Every_node_service_sets_only_keys_its_node_reads()
    {
        var nodes = NodeServices.Of(Compose);
        Assert.All(nodes, node => Assert.Contains(node.Service.Environment.Keys, k => k.StartsWith(node.Kind.RootSection + "__", StringComparison.Ordinal)));

        Problems.AssertNone(
            nodes.SelectMany(node => NodeSettingsCheck.UnreadKeys(node.Kind, node.Service.Environment).Select(p => $"{node.Service.Name}: {p}")),
            "Environment keys the nodes do not read");
    }

    [Fact]
    public void Every_node_service_passes_its_nodes_validation()
    {
        Problems.AssertNone(
            NodeServices.Of(Compose).SelectMany(node => NodeSettingsCheck.ValidationFailures(node.Kind, node.Service.Environment).Select(p => $"{node.Service.Name}: {p}")),
            "Settings the nodes' validation refuses");
    }

    [Theory]
    [InlineData("UserNode__Cluster__Hostname: user-node-2", "UserNode__Cluster__HostName2: user-node-2", "'HostName2'")]
    [InlineData("Email__Smtp__TlsMode: None", "Email__Smtp__Tls: None", "'Tls'")]
    [InlineData("Email__Kafka__GroupId: email-service", "Email__Kafka__ConsumerGroup: email-service", "'ConsumerGroup'")]
    [InlineData("Email__Admin__ApiKey: ${EMAIL_ADMIN_API_KEY:-}", "Email__Admin__Key: ${EMAIL_ADMIN_API_KEY:-}", "'Key'")]
    [InlineData("ASPNETCORE_HTTP_PORTS: \"8080\"\n  UserNode__Persistence", "ASPNETCORE_PORT: \"8080\"\n  UserNode__Persistence", "ASPNETCORE_PORT: not read")]
    public void A_key_the_node_does_not_read_is_reported_by_name(string setting, string misspelt, string reported)
    {
        var problems = NodeServices.SettingsProblems(Changed(setting, misspelt));

        Assert.Contains(problems, p => p.Contains(reported, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("UserNode__Persistence__Provider: SqlServer", "UserNode__Persistence__Provider: Oracle", "UserNode:Persistence:Provider")]
    [InlineData("UserNode__Cluster__SeedNodes__1: akka.tcp://signup-user@user-node-2:4053", "UserNode__Cluster__SeedNodes__1: user-node-2:4053", "UserNode:Cluster:SeedNodes:1")]
    [InlineData("Email__SendLog__Provider: SqlServer", "Email__SendLog__Provider: MySql", "Email:SendLog:Provider")]
    [InlineData("Email__Smtp__Host: smtp4dev", "Email__Smtp__Host: \"\"", "Email:Smtp:Host")]
    [InlineData("Email__Kafka__BootstrapServers: kafka-1:19092,kafka-2:19092,kafka-3:19092", "Email__Kafka__BootstrapServers: kafka-1", "Email:Kafka:BootstrapServers")]
    [InlineData("Email__Admin__ApiKey: ${EMAIL_ADMIN_API_KEY:-}", "Email__Admin__ApiKey: ${EMAIL_ADMIN_API_KEY:-short}", "Email:Admin:ApiKey")]
    [InlineData("UserNode__Cluster__Port: \"4053\"", "UserNode__Cluster__Port: \"four\"", "'UserNode:Cluster:Port'")]
    public void A_value_the_node_refuses_is_reported_with_its_key(string setting, string bad, string reported)
    {
        var problems = NodeServices.SettingsProblems(Changed(setting, bad));

        Assert.Contains(problems, p => p.Contains(reported, StringComparison.Ordinal));
    }

    private static ComposeFile Changed(string from, string to)
    {
        Assert.Contains(from, Compose.Text, StringComparison.Ordinal);
        return ComposeFile.Parse(Compose.Text.Replace(from, to, StringComparison.Ordinal));
    }
}
