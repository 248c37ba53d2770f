using Akka.Configuration;
using Akka.Streams;
using Akka.Streams.Dsl;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Settings;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

/// <summary>The consumer's <c>use-dispatcher</c> is applied, not only parsed (no broker needed: materializing fails first).</summary>
public sealed class ConsumerDispatcherSpec(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    [Fact]
    public async Task The_partitioned_source_runs_on_the_dispatcher_use_dispatcher_names()
    {
        var settings = ConsumerSettings<string, string>.Create(Sys)
            .WithBootstrapServers("127.0.0.1:1")
            .WithGroupId("dispatcher-check") with
        { DispatcherId = "akka.kafka.no-such-dispatcher" };

        // A materializer whose supervisor has started creates stage actors at once, and a missing dispatcher
        // fails the Run call itself. Right after its creation it asks its supervisor instead, and that ask
        // only times out (creation-timeout, 20 s): the test used to take that path now and then.
        var materializer = Sys.Materializer();
        await Source.Single(1).RunWith(Sink.Ignore<int>(), materializer);

        var error = Assert.ThrowsAny<Exception>(() => Consumer.CommittablePartitionedSource(settings, Subscription.ToTopics("dispatcher-check"))
            .To(Sink.Ignore<(Confluent.Kafka.TopicPartition, Source<Messages.CommittableMessage<string, string>, Akka.NotUsed>)>())
            .Run(materializer));
        Output?.WriteLine(error.ToString());
        Assert.IsType<ConfigurationException>(error);
        Assert.Contains("akka.kafka.no-such-dispatcher", error.Message, StringComparison.Ordinal);
    }
}
