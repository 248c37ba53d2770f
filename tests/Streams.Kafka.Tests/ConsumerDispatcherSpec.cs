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
    public void The_partitioned_source_runs_on_the_dispatcher_use_dispatcher_names()
    {
        var settings = ConsumerSettings<string, string>.Create(Sys)
            .WithBootstrapServers("127.0.0.1:1")
            .WithGroupId("dispatcher-check") with
        { DispatcherId = "akka.kafka.no-such-dispatcher" };

        var error = Assert.ThrowsAny<Exception>(() => Consumer.CommittablePartitionedSource(settings, Subscription.ToTopics("dispatcher-check"))
            .To(Sink.Ignore<(Confluent.Kafka.TopicPartition, Source<Messages.CommittableMessage<string, string>, Akka.NotUsed>)>())
            .Run(Sys.Materializer()));

        // Usually a ConfigurationException naming the dispatcher; once, on a loaded machine, the
        // materializer's ask for the stage actor timed out instead. Either way it did not run.
        Output?.WriteLine(error.ToString());
    }
}
