using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SignupEmail.EmailNode.Admin;
using SignupEmail.EmailNode.Consuming;

namespace SignupEmail.EmailNode.Tests.Consuming;

/// <summary>The start-up check's verdict on given metadata, its timeout setting, and readiness by assignment — without Kafka.</summary>
public sealed class KafkaStartupUnitSpec
{
    private static readonly ConsumingOptions Options = new()
    {
        BootstrapServers = "kafka-1:19092",
        Topic = "user.signed-up",
        DeadLetterTopic = "user.signed-up.dlt",
    };

    private static TopicMetadata Topic(string name, int partitions, ErrorCode error = ErrorCode.NoError) => new(
        name,
        Enumerable.Range(0, partitions).Select(p => new PartitionMetadata(p, 1, [1], [1], new Error(ErrorCode.NoError))).ToList(),
        new Error(error));

    [Fact]
    public void Both_topics_present_with_enough_dead_letter_partitions_pass()
    {
        Assert.Empty(KafkaStartupCheck.Problems(Options, [Topic("other", 1), Topic("user.signed-up", 3), Topic("user.signed-up.dlt", 3)]));
        Assert.Empty(KafkaStartupCheck.Problems(Options, [Topic("user.signed-up", 3), Topic("user.signed-up.dlt", 6)]));
    }

    [Fact]
    public void A_missing_topic_is_named_by_its_key_and_value()
    {
        var problem = Assert.Single(KafkaStartupCheck.Problems(Options with { Topic = "user.signed-up-typo" }, [Topic("user.signed-up", 3), Topic("user.signed-up.dlt", 3)]));

        Assert.StartsWith("Email:Kafka:Topic 'user.signed-up-typo' does not exist on the cluster (kafka-1:19092).", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_topics_missing_are_both_named()
    {
        // A topic the broker reports as unknown counts as missing, like one it leaves out.
        var problems = KafkaStartupCheck.Problems(Options, [Topic("user.signed-up", 0, ErrorCode.UnknownTopicOrPart)]);

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("Email:Kafka:Topic 'user.signed-up' does not exist", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Email:Kafka:DeadLetterTopic 'user.signed-up.dlt' does not exist", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_dead_letter_topic_with_fewer_partitions_is_named()
    {
        var problem = Assert.Single(KafkaStartupCheck.Problems(Options, [Topic("user.signed-up", 3), Topic("user.signed-up.dlt", 1)]));

        Assert.StartsWith(
            "Email:Kafka:DeadLetterTopic 'user.signed-up.dlt' has 1 partition, fewer than the 3 of Email:Kafka:Topic 'user.signed-up'.",
            problem,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_topic_the_cluster_will_not_describe_is_named_with_the_error()
    {
        var problem = Assert.Single(KafkaStartupCheck.Problems(Options, [Topic("user.signed-up", 0, ErrorCode.TopicAuthorizationFailed), Topic("user.signed-up.dlt", 3)]));

        Assert.StartsWith("Email:Kafka:Topic 'user.signed-up' cannot be used: TopicAuthorizationFailed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_startup_timeout_defaults_to_30_seconds_binds_from_configuration_and_is_validated()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), new ConsumingOptions().StartupTimeout);
        var bound = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Email:Kafka:StartupTimeout"] = "00:00:05" })
            .Build().GetSection(ConsumingOptions.SectionName).Get<ConsumingOptions>();
        Assert.Equal(TimeSpan.FromSeconds(5), bound?.StartupTimeout);

        Assert.Empty(ConsumingOptionsValidator.Errors(Options with { StartupTimeout = TimeSpan.FromMinutes(10) }));
        foreach (var timeout in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(-1), TimeSpan.FromMinutes(11) })
        {
            var error = Assert.Single(ConsumingOptionsValidator.Errors(Options with { StartupTimeout = timeout }));
            Assert.StartsWith("Email:Kafka:StartupTimeout ", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Readiness_follows_the_consumer_and_its_partitions_with_a_grace_period_for_joining()
    {
        var grace = PipelineHealthCheck.AssignmentGrace;

        Assert.Equal(HealthStatus.Unhealthy, PipelineHealthCheck.Evaluate(false, [], TimeSpan.Zero, 1, "t").Status);
        Assert.Equal(HealthStatus.Unhealthy, PipelineHealthCheck.Evaluate(false, [0], TimeSpan.Zero, 2, "t").Status);
        Assert.Equal(HealthStatus.Healthy, PipelineHealthCheck.Evaluate(true, [0, 2], TimeSpan.Zero, 1, "t").Status);
        Assert.Equal(HealthStatus.Healthy, PipelineHealthCheck.Evaluate(true, [], grace - TimeSpan.FromSeconds(1), 1, "t").Status);

        var standing = PipelineHealthCheck.Evaluate(true, [], grace, 1, "user.signed-up");
        Assert.Equal(HealthStatus.Degraded, standing.Status);
        Assert.Contains("no partition of 'user.signed-up' for 60 s", standing.Description, StringComparison.Ordinal);
    }
}
