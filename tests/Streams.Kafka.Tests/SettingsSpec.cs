using Akka.Configuration;
using SignupEmail.Streams.Kafka.Settings;

namespace SignupEmail.Streams.Kafka.Tests;

public sealed class SettingsSpec
{
    [Fact]
    public void Reference_defaults_make_the_producer_idempotent_with_acks_all_and_compression()
    {
        var settings = ProducerSettings<string, string>.Create(ConfigurationFactory.Empty);

        Assert.Equal("true", settings.Properties["enable.idempotence"]);
        Assert.Equal("all", settings.Properties["acks"]);
        Assert.Equal("lz4", settings.Properties["compression.type"]);
        Assert.True(settings.Parallelism > 0);
    }

    [Fact]
    public void Kafka_clients_properties_pass_through_with_dotted_names_quoted_or_not()
    {
        var config = ConfigurationFactory.ParseString("""
            kafka-clients {
              bootstrap.servers = "127.0.0.1:9092"
              "group.id" = billing
              session.timeout.ms = 6000
            }
            """);

        var settings = ConsumerSettings<string, string>.Create(config);

        Assert.Equal("127.0.0.1:9092", settings.Properties["bootstrap.servers"]);
        Assert.Equal("billing", settings.GroupId);
        Assert.Equal("6000", settings.Properties["session.timeout.ms"]);
        Assert.Equal("false", settings.Properties["enable.auto.commit"]);
    }

    [Theory]
    [InlineData("buffer-size = 0", "akka.kafka.consumer.buffer-size")]
    [InlineData("buffer-size = lots", "akka.kafka.consumer.buffer-size")]
    [InlineData("poll-timeout = soon", "akka.kafka.consumer.poll-timeout")]
    [InlineData("stop-timeout = -1s", "akka.kafka.consumer.stop-timeout")]
    [InlineData("sub-source-cancellation = ignore", "akka.kafka.consumer.sub-source-cancellation")]
    public void A_bad_consumer_value_fails_with_its_full_key(string hocon, string key)
    {
        var error = Assert.Throws<KafkaSettingsException>(() => ConsumerSettings<string, string>.Create(ConfigurationFactory.ParseString(hocon)));

        Assert.Equal(key, error.Key);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, SubSourceCancellation.ReEmit)]
    [InlineData("re-emit-uncommitted", SubSourceCancellation.ReEmitUncommitted)]
    [InlineData("pause-until-rebalance", SubSourceCancellation.PauseUntilRebalance)]
    public void The_sub_source_cancellation_strategy_is_read_by_name_and_defaults_to_re_emit(string? name, SubSourceCancellation expected)
    {
        var config = name is null ? ConfigurationFactory.Empty : ConfigurationFactory.ParseString($"sub-source-cancellation = {name}");

        Assert.Equal(expected, ConsumerSettings<string, string>.Create(config).SubSourceCancellation);
    }

    [Fact]
    public void A_bad_committer_value_fails_with_its_full_key()
    {
        var error = Assert.Throws<KafkaSettingsException>(() => CommitterSettings.Create(ConfigurationFactory.ParseString("max-batch = -5")));

        Assert.Equal("akka.kafka.committer.max-batch", error.Key);
    }

    [Fact]
    public void With_methods_return_changed_copies_and_leave_the_original_alone()
    {
        var original = ProducerSettings<string, string>.Create(ConfigurationFactory.Empty);

        var changed = original.WithBootstrapServers("127.0.0.1:1").WithParallelism(7);

        Assert.Equal("127.0.0.1:1", changed.Properties["bootstrap.servers"]);
        Assert.Equal(7, changed.Parallelism);
        Assert.False(original.Properties.ContainsKey("bootstrap.servers"));
        Assert.Throws<KafkaSettingsException>(() => original.WithParallelism(0));
    }
}
