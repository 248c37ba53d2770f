using System.Text.RegularExpressions;
using SignupEmail.Shared.Kafka;

namespace SignupEmail.Deployment.Tests;

/// <summary>The Kafka part of docker-compose.yml: three KRaft brokers and the topic init job.</summary>
public sealed partial class KafkaTopologySpec
{
    private const string TopicScript = "deploy/kafka/create-topics.sh";
    private static readonly ComposeFile Compose = ComposeFile.Load();

    /// <summary>The broker services: those configured with Kafka process roles.</summary>
    public static IReadOnlyList<ComposeService> Brokers(ComposeFile compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        return [.. compose.Services.Values.Where(s => s.Environment.ContainsKey("KAFKA_PROCESS_ROLES")).OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    /// <summary>The one-shot service that runs the topic script.</summary>
    public static ComposeService TopicInit(ComposeFile compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        return Assert.Single(compose.Services.Values, s => s.Command.Any(c => c.EndsWith("create-topics.sh", StringComparison.Ordinal)));
    }

    /// <summary>The brokers' in-network bootstrap list, <c>service:port</c> of each broker's inter-broker listener.</summary>
    public static IReadOnlySet<string> InternalEndpoints(ComposeFile compose) =>
        Brokers(compose).Select(b => Listener(b.Environment["KAFKA_ADVERTISED_LISTENERS"], b.Environment["KAFKA_INTER_BROKER_LISTENER_NAME"]))
            .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Three_brokers_run_a_pinned_apache_kafka_image_as_broker_and_controller()
    {
        var brokers = Brokers(Compose);

        Assert.Equal(SignupTopics.ReplicationFactor, brokers.Count);
        Assert.All(brokers, b => Assert.Matches(PinnedKafkaImage(), b.Image));
        Assert.Single(brokers.Select(b => b.Image).Distinct());
        Assert.All(brokers, b => Assert.Equal(["broker", "controller"], b.Environment["KAFKA_PROCESS_ROLES"].Split(',').Order(StringComparer.Ordinal)));
        Assert.Equal(brokers.Count, brokers.Select(b => b.Environment["KAFKA_NODE_ID"]).Distinct().Count());
    }

    [Fact]
    public void Brokers_share_one_cluster_id_and_one_quorum_of_all_three()
    {
        var brokers = Brokers(Compose);

        Assert.Single(brokers.Select(b => b.Environment["CLUSTER_ID"]).Distinct());
        var voters = Assert.Single(brokers.Select(b => b.Environment["KAFKA_CONTROLLER_QUORUM_VOTERS"]).Distinct());
        var controllerListener = brokers[0].Environment["KAFKA_CONTROLLER_LISTENER_NAMES"];
        Assert.Equal(
            brokers.Select(b => $"{b.Environment["KAFKA_NODE_ID"]}@{b.Name}:{Port(Listener(b.Environment["KAFKA_LISTENERS"], controllerListener))}").Order(StringComparer.Ordinal),
            voters.Split(',').Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_broker_advertises_its_service_name_in_the_network_and_localhost_on_its_own_published_port()
    {
        var brokers = Brokers(Compose);
        var hostPorts = new List<int>();
        foreach (var broker in brokers)
        {
            var env = broker.Environment;
            var listeners = Names(env["KAFKA_ADVERTISED_LISTENERS"]);
            Assert.Equal(2, listeners.Count);
            var internalName = env["KAFKA_INTER_BROKER_LISTENER_NAME"];
            Assert.StartsWith($"{broker.Name}:", Listener(env["KAFKA_ADVERTISED_LISTENERS"], internalName), StringComparison.Ordinal);

            var external = Assert.Single(listeners, name => name != internalName);
            var advertised = Listener(env["KAFKA_ADVERTISED_LISTENERS"], external);
            Assert.StartsWith("localhost:", advertised, StringComparison.Ordinal);
            var containerPort = Port(Listener(env["KAFKA_LISTENERS"], external));
            var published = Assert.Single(broker.Ports, p => p.ContainerPort == containerPort);
            Assert.Equal(Port(advertised), published.HostPort);
            hostPorts.Add(Port(advertised));
        }

        Assert.Equal(brokers.Count, hostPorts.Distinct().Count());
    }

    [Fact]
    public void Topic_init_waits_for_every_healthy_broker_and_reaches_them_in_the_network()
    {
        var init = TopicInit(Compose);

        Assert.Equal(Brokers(Compose).ToDictionary(b => b.Name, _ => "service_healthy"), init.DependsOn);
        Assert.All(Brokers(Compose), b => Assert.NotEmpty(b.HealthCheck));
        Assert.Equal(InternalEndpoints(Compose), init.Environment["KAFKA_BOOTSTRAP_SERVERS"].Split(',').ToHashSet(StringComparer.Ordinal));
        Assert.Equal(Brokers(Compose)[0].Image, init.Image);
    }

    [Fact]
    public void Topic_init_creates_both_topics_with_the_partitions_replication_and_min_isr_of_the_design()
    {
        var init = TopicInit(Compose);
        Assert.Equal(TopicScript, init.MountedFileAt(init.Command[^1]));

        Assert.Empty(TopicCreationProblems(RepositoryFiles.Read(TopicScript)));
    }

    [Theory]
    [InlineData("--partitions 3", "--partitions 1")]
    [InlineData("--replication-factor 3", "--replication-factor 1")]
    [InlineData("min.insync.replicas=2", "min.insync.replicas=1")]
    [InlineData("--if-not-exists", "")]
    [InlineData("user.signed-up.dlt; do", "user.signed-up-dlt; do")]
    public void A_topic_script_that_differs_from_the_design_is_caught(string from, string to)
    {
        var script = RepositoryFiles.Read(TopicScript);
        Assert.Contains(from, script, StringComparison.Ordinal);

        Assert.NotEmpty(TopicCreationProblems(script.Replace(from, to, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_broker_on_the_latest_tag_is_caught()
    {
        var compose = ComposeFile.Parse(Compose.Text.Replace("image: apache/kafka:", "image: apache/kafka:latest # ", StringComparison.Ordinal));

        Assert.DoesNotMatch(PinnedKafkaImage(), Brokers(compose)[0].Image);
    }

    /// <summary>What the topic script gets wrong against <see cref="SignupTopics"/>, or nothing.</summary>
    private static List<string> TopicCreationProblems(string script)
    {
        var problems = new List<string>();
        var loop = TopicLoop().Match(script);
        if (!loop.Success)
        {
            return ["no 'for topic in …; do … kafka-topics.sh --create … --topic \"$topic\" …; done' loop"];
        }

        var topics = loop.Groups["topics"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!topics.Order(StringComparer.Ordinal).SequenceEqual(SignupTopics.All.Order(StringComparer.Ordinal)))
        {
            problems.Add($"creates {string.Join(", ", topics)}, not {string.Join(", ", SignupTopics.All)}");
        }

        var create = loop.Groups["body"].Value;
        foreach (var expected in new[]
        {
            "--create",
            "--if-not-exists",
            $"--partitions {SignupTopics.Partitions}",
            $"--replication-factor {SignupTopics.ReplicationFactor}",
            "--config min.insync.replicas=2",
        })
        {
            if (!create.Contains(expected, StringComparison.Ordinal))
            {
                problems.Add($"the create command lacks '{expected}'");
            }
        }

        return problems;
    }

    private static List<string> Names(string listeners) =>
        [.. listeners.Split(',').Select(l => l[..l.IndexOf("://", StringComparison.Ordinal)])];

    /// <summary>The <c>host:port</c> of listener <paramref name="name"/> in a listener list.</summary>
    private static string Listener(string listeners, string name) =>
        listeners.Split(',').Single(l => l.StartsWith(name + "://", StringComparison.Ordinal))[(name.Length + 3)..];

    private static int Port(string endpoint) => int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^apache/kafka:\d+\.\d+\.\d+$")]
    private static partial Regex PinnedKafkaImage();

    [GeneratedRegex(@"for topic in (?<topics>[^;]+); do(?<body>.*?kafka-topics\.sh.*?--topic ""\$topic"".*?)done", RegexOptions.Singleline)]
    private static partial Regex TopicLoop();
}
