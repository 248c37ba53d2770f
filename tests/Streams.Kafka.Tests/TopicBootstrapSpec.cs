using Confluent.Kafka;
using Confluent.Kafka.Admin;
using SignupEmail.Streams.Kafka.Admin;
using SignupEmail.Testing;

namespace SignupEmail.Streams.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class TopicBootstrapSpec(KafkaClusterFixture kafka)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Existing_topics_of_the_desired_shape_pass_without_being_created()
    {
        var first = kafka.CreateUniqueTopic("bootstrap-ok-1");
        var second = kafka.CreateUniqueTopic("bootstrap-ok-2");

        // The mock cluster rejects CreateTopics, so reaching the end also proves it was not called.
        var created = await TopicBootstrap.EnsureTopicsAsync(kafka.BootstrapServers, [Spec(first, 3, 3), Spec(second, 3, 3)], Timeout);

        Assert.Empty(created);
    }

    [Fact]
    public async Task A_topic_with_another_partition_count_fails_naming_the_topic_and_the_difference()
    {
        var topic = kafka.CreateUniqueTopic("bootstrap-partitions", partitions: 4);

        var error = await Assert.ThrowsAsync<TopicBootstrapException>(() =>
            TopicBootstrap.EnsureTopicsAsync(kafka.BootstrapServers, [Spec(topic, 3, 3)], Timeout));

        Assert.Equal(topic, error.Topic);
        Assert.Contains(topic, error.Message, StringComparison.Ordinal);
        Assert.Contains("has 4 partitions, expected 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_topic_with_another_replication_factor_fails_naming_the_topic_and_the_difference()
    {
        var topic = kafka.CreateUniqueTopic("bootstrap-replication", partitions: 3, replicationFactor: 2);

        var error = await Assert.ThrowsAsync<TopicBootstrapException>(() =>
            TopicBootstrap.EnsureTopicsAsync(kafka.BootstrapServers, [Spec(topic, 3, 3)], Timeout));

        Assert.Equal(topic, error.Topic);
        Assert.Contains("replication factor 2, expected 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_topic_is_created_through_the_admin_api_and_a_refusal_names_the_topic()
    {
        // The mock cluster does not implement CreateTopics (UnsupportedFeature), so the honest check
        // available here is that the creation is attempted and its failure surfaces clearly, and
        // that the metadata lookup did not auto-create the topic with the broker's default shape.
        var topic = $"test.bootstrap-missing.{Guid.NewGuid():N}";

        var error = await Assert.ThrowsAsync<TopicBootstrapException>(() =>
            TopicBootstrap.EnsureTopicsAsync(kafka.BootstrapServers, [Spec(topic, 3, 3)], Timeout));

        Assert.Equal(topic, error.Topic);
        Assert.Contains("could not be created", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ErrorCode.Local_UnsupportedFeature), error.Message, StringComparison.Ordinal);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        Assert.DoesNotContain(admin.GetMetadata(Timeout).Topics, t => t.Topic == topic);
    }

    private static TopicSpecification Spec(string name, int partitions, short replicationFactor) =>
        new() { Name = name, NumPartitions = partitions, ReplicationFactor = replicationFactor };
}
