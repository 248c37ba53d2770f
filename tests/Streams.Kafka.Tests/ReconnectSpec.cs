using System.Diagnostics;
using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Confluent.Kafka;
using SignupEmail.EmbeddedKafka;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

/// <summary>The consumer while brokers are unreachable. Follows alpakka-kafka's ReconnectSpec.</summary>
[Collection(KafkaCollection.Name)]
public sealed class ReconnectSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : ConsumerSpecBase(kafka.Cluster, output)
{
    [Fact]
    public async Task Drain_and_shutdown_is_bounded_by_stop_timeout_when_every_broker_is_down()
    {
        var topic = kafka.CreateUniqueTopic("all-brokers-down");
        var group = KafkaClusterFixture.UniqueGroupId("all-brokers-down");
        await ProduceAsync(topic, 3, 10);
        var stopTimeout = TimeSpan.FromSeconds(3);
        var closeTimeout = TimeSpan.FromSeconds(1);

        // A session far longer than the bound: librdkafka's commit and close wait for a coordinator that long.
        var settings = ConsumerSettings(group, sessionTimeoutMs: 30_000).WithStopTimeout(stopTimeout).WithCloseTimeout(closeTimeout);
        var consumed = CreateTestProbe();
        var (control, outer) = Consumer.CommittableSource(settings, Subscription.ToTopics(topic))
            .Select(message =>
            {
                consumed.Ref.Tell(message.Record.TopicPartitionOffset);
                return (ICommittable)message.CommittableOffset;
            })
            // The offsets stay batched until the stream completes: their commit meets the outage.
            .Via(Committer.Flow(CommitterSettings(maxBatch: 1000, maxIntervalMs: 600_000)))
            .ToMaterialized(this.SinkProbe<Done>(), Keep.Both)
            .Run(Materializer);
        outer.Request(100);
        await consumed.ReceiveNAsync(30, Patience).ToListAsync();

        Cluster.SetBrokerDown(EmbeddedKafkaCluster.AllBrokers);
        var clock = Stopwatch.StartNew();
        try
        {
            var drained = control.DrainAndShutdown(StreamEnd(outer));
            await Assert.ThrowsAnyAsync<Exception>(() => drained.WaitAsync(Patience));
            Output?.WriteLine($"drained in {clock.ElapsedMilliseconds} ms");
        }
        finally
        {
            Cluster.SetBrokerUp(EmbeddedKafkaCluster.AllBrokers);
        }

        Assert.True(clock.Elapsed < stopTimeout + closeTimeout + TimeSpan.FromSeconds(1), $"shutting down with every broker down took {clock.Elapsed}");

        // Back up, the brokers answer the close still under way in the background.
        await AssertNoLeaksAsync();
    }

    [Fact]
    public async Task A_consume_error_decider_that_fails_on_all_brokers_down_fails_the_source_in_an_outage()
    {
        var topic = kafka.CreateUniqueTopic("decider-outage");
        var group = KafkaClusterFixture.UniqueGroupId("decider-outage");
        await ProduceAsync(topic, 3, 5);
        var settings = ConsumerSettings(group)
            .WithCloseTimeout(TimeSpan.FromSeconds(1))
            .WithConsumeErrorDecider(error => error.Code == ErrorCode.Local_AllBrokersDown ? ConsumeErrorDirective.Fail : ConsumeErrorDirective.LogAndRetry);
        var (control, values) = Consumer.CommittableSource(settings, Subscription.ToTopics(topic))
            .Select(message => message.Record.Message.Value)
            .ToMaterialized(this.SinkProbe<string>(), Keep.Both)
            .Run(Materializer);
        values.Request(100);
        for (var n = 0; n < 15; n++)
        {
            await values.ExpectNextAsync(Patience);
        }

        Cluster.SetBrokerDown(EmbeddedKafkaCluster.AllBrokers);
        try
        {
            // The default decider would log this and wait for the brokers; this one fails the source, e.g. for a RestartSource.
            var failure = Assert.IsType<TestSubscriber.OnError>(await values.ExpectEventAsync(Patience)).Cause;
            Assert.Equal(ErrorCode.Local_AllBrokersDown, Assert.IsType<KafkaException>(failure).Error.Code);
            await Assert.ThrowsAsync<KafkaException>(() => control.IsShutdown.WaitAsync(Patience));
        }
        finally
        {
            Cluster.SetBrokerUp(EmbeddedKafkaCluster.AllBrokers);
        }

        await AssertNoLeaksAsync();
    }

    private static async Task<Done> StreamEnd(TestSubscriber.Probe<Done> probe)
    {
        await probe.ExpectNextAsync();
        await probe.ExpectCompleteAsync();
        return Done.Instance;
    }
}
