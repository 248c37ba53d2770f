using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using SignupEmail.Shared.Kafka;
using SignupEmail.UserNode.Configuration;

namespace SignupEmail.Deployment.Tests;

/// <summary>
/// The node services of docker-compose.yml: two User nodes in one cluster, three Email node
/// replicas, what they wait for, how they are health-checked, and that the hosts their settings
/// name are services of the file.
/// </summary>
public sealed partial class NodeTopologySpec
{
    private const string SqlInitScript = "deploy/sqlserver/init.sql";
    private static readonly ComposeFile Compose = ComposeFile.Load();

    [Fact]
    public void The_two_user_nodes_list_the_same_seed_nodes_and_every_seed_is_one_of_them()
    {
        var nodes = Compose.BuiltFrom(NodeKind.User.Dockerfile);
        var seeds = nodes.Select(n => SeedNodes(n.Environment)).ToList();

        Assert.Equal(2, nodes.Count);
        Assert.NotEmpty(seeds[0]);
        Assert.All(seeds, s => Assert.Equal(seeds[0], s));
        var addresses = nodes.Select(n => $"akka.tcp://{UserNodeActorSystem.Name}@{n.Environment["UserNode__Cluster__Hostname"]}:{n.Environment["UserNode__Cluster__Port"]}").ToList();
        Assert.All(seeds[0], seed => Assert.Contains(seed, addresses));
    }

    [Fact]
    public void Each_user_node_advertises_its_service_name_and_publishes_its_http_port_on_its_own_host_port()
    {
        var nodes = Compose.BuiltFrom(NodeKind.User.Dockerfile);

        Assert.All(nodes, n => Assert.Equal(n.Name, n.Environment["UserNode__Cluster__Hostname"]));
        var published = nodes.Select(n => Assert.Single(n.Ports, p => p.ContainerPort == HttpPort(n))).ToList();
        Assert.All(published, p => Assert.NotNull(p.HostPort));
        Assert.Equal(nodes.Count, published.Select(p => p.HostPort).Distinct().Count());
    }

    [Fact]
    public void The_email_node_runs_one_replica_per_partition_without_a_host_port()
    {
        var email = Assert.Single(Compose.BuiltFrom(NodeKind.Email.Dockerfile));

        Assert.Equal(SignupTopics.Partitions, email.Replicas);
        Assert.Empty(email.Ports);
        Assert.False(email.Has("container_name"), "replicas cannot share a container name");
        Assert.False(email.Has("hostname"), "replicas cannot share a host name");
    }

    [Fact]
    public void Every_node_waits_for_healthy_kafka_and_sql_server_and_for_the_init_jobs_to_succeed()
    {
        var expected = KafkaTopologySpec.Brokers(Compose).ToDictionary(b => b.Name, _ => "service_healthy");
        expected[KafkaTopologySpec.TopicInit(Compose).Name] = "service_completed_successfully";
        expected[SqlServer(Compose).Name] = "service_healthy";
        expected[SqlInit(Compose).Name] = "service_completed_successfully";

        foreach (var (_, node) in NodeServices.Of(Compose))
        {
            Assert.All(expected, e => Assert.Equal(e.Value, node.DependsOn.GetValueOrDefault(e.Key)));
        }

        Assert.Equal(SqlServer(Compose).Name, Assert.Single(SqlInit(Compose).DependsOn, d => d.Value == "service_healthy").Key);
    }

    [Fact]
    public void Every_node_is_health_checked_on_its_readiness_endpoint_and_sql_server_with_sqlcmd()
    {
        foreach (var (_, node) in NodeServices.Of(Compose))
        {
            var check = node.HealthCheck;
            Assert.Equal(["CMD", "curl", "--fail"], check.Take(3));
            Assert.Equal($"http://localhost:{HttpPort(node)}/health/ready", check[^1]);
        }

        var sqlCheck = string.Join(' ', SqlServer(Compose).HealthCheck);
        Assert.Contains("/opt/mssql-tools18/bin/sqlcmd", sqlCheck, StringComparison.Ordinal);
        Assert.Contains(" -C ", sqlCheck, StringComparison.Ordinal);
    }

    [Fact]
    public void Kafka_addresses_of_the_nodes_are_the_brokers_in_network_listeners()
    {
        var brokers = KafkaTopologySpec.InternalEndpoints(Compose);

        foreach (var (kind, node) in NodeServices.Of(Compose))
        {
            var key = kind == NodeKind.User ? "UserNode__Publishing__BootstrapServers" : "Email__Kafka__BootstrapServers";
            Assert.Equal(brokers, node.Environment[key].Split(',').ToHashSet(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Each_node_kind_has_its_own_database_and_login_which_the_sql_init_script_creates()
    {
        var script = RepositoryFiles.Read(SqlInitScript);
        Assert.Equal(SqlInitScript, SqlInit(Compose).MountedFileAt(SqlInit(Compose).Entrypoint.SkipWhile(a => a != "-i").ElementAt(1)));

        var databases = new Dictionary<string, NodeKind>(StringComparer.Ordinal);
        foreach (var (kind, node) in NodeServices.Of(Compose))
        {
            var key = kind == NodeKind.User ? "UserNode__Persistence__ConnectionString" : "Email__SendLog__ConnectionString";
            var connection = new SqlConnectionStringBuilder(node.Environment[key]);
            Assert.Equal($"{SqlServer(Compose).Name},1433", connection.DataSource);
            Assert.Contains($"CREATE DATABASE {connection.InitialCatalog};", script, StringComparison.Ordinal);
            Assert.Contains($"CREATE LOGIN {connection.UserID} ", script, StringComparison.Ordinal);
            Assert.Contains($"CREATE USER {connection.UserID} FOR LOGIN {connection.UserID};", script, StringComparison.Ordinal);
            Assert.Equal(kind, databases.GetValueOrDefault(connection.InitialCatalog, kind));
            databases[connection.InitialCatalog] = kind;
        }

        Assert.Equal(2, databases.Count);
    }

    [Fact]
    public void The_login_passwords_the_nodes_use_are_the_ones_sql_init_sets()
    {
        var init = SqlInit(Compose).Entrypoint;
        var variables = init.SkipWhile(a => a != "-v").Skip(1).Select(v => v.Split('=', 2)).ToDictionary(v => v[0], v => v[1], StringComparer.Ordinal);
        var script = RepositoryFiles.Read(SqlInitScript);

        foreach (var (kind, node) in NodeServices.Of(Compose))
        {
            var key = kind == NodeKind.User ? "UserNode__Persistence__ConnectionString" : "Email__SendLog__ConnectionString";
            var connection = new SqlConnectionStringBuilder(node.Environment[key]);
            var variable = Assert.Single(
                LoginPassword().Matches(script), m => m.Groups["login"].Value == connection.UserID && m.Groups["verb"].Value == "CREATE");
            Assert.Equal(variables[variable.Groups["variable"].Value], connection.Password);
        }
    }

    [Fact]
    public void The_email_nodes_send_to_the_smtp_catcher_of_the_file()
    {
        var email = Assert.Single(Compose.BuiltFrom(NodeKind.Email.Dockerfile));

        Assert.Equal("Smtp", email.Environment["Email__Delivery__Mode"]);
        var smtp = Compose.Service(email.Environment["Email__Smtp__Host"]);
        Assert.StartsWith("rnwood/smtp4dev:", smtp.Image, StringComparison.Ordinal);
        Assert.Contains(email.DependsOn, d => d.Key == smtp.Name);
        Assert.Contains(smtp.Ports, p => p.HostPort is not null);
    }

    /// <summary>The SQL Server service: the one on the mssql image that is health-checked.</summary>
    private static ComposeService SqlServer(ComposeFile compose) =>
        Assert.Single(compose.Services.Values, s => s.Image?.StartsWith("mcr.microsoft.com/mssql/server:", StringComparison.Ordinal) == true && s.HealthCheck.Count > 0);

    /// <summary>The one-shot service that runs sqlcmd with the init script.</summary>
    private static ComposeService SqlInit(ComposeFile compose) =>
        Assert.Single(compose.Services.Values, s => s.Entrypoint.Any(a => a.EndsWith("/sqlcmd", StringComparison.Ordinal)));

    private static int HttpPort(ComposeService node) =>
        int.Parse(node.Environment["ASPNETCORE_HTTP_PORTS"], CultureInfo.InvariantCulture);

    private static List<string> SeedNodes(IReadOnlyDictionary<string, string> environment) =>
        [.. environment.Where(kv => kv.Key.StartsWith("UserNode__Cluster__SeedNodes__", StringComparison.Ordinal))
            .OrderBy(kv => int.Parse(kv.Key[(kv.Key.LastIndexOf('_') + 1)..], CultureInfo.InvariantCulture))
            .Select(kv => kv.Value)];

    [GeneratedRegex(@"(?<verb>CREATE|ALTER) LOGIN (?<login>\w+) WITH PASSWORD = N'\$\((?<variable>\w+)\)'")]
    private static partial Regex LoginPassword();
}
