using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Internal;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

/// <summary>Runs the README's usage example as written, so the README cannot drift from the API.</summary>
[Collection(KafkaCollection.Name)]
public sealed class ReadmeUsageSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output), IAsyncLifetime
{
    // The README's group id, as written there.
    private const string Group = "welcome-mailer";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // The stage-leak check of the other consumer specs, for the example's streams. They run on whatever
    // materializer RunWith/Run take from the actor system, as the README shows, so the check looks at
    // every materializer's supervisor: none may still have a stage actor.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await Eventually.TrueAsync(() => !LiveConsumers.Groups.Contains(Group), LeakCheckPatience, $"the consumer of {Group} is still alive");
        await Eventually.TrueAsync(async () => await LiveStageAsync() is null, LeakCheckPatience, () => "a stream stage is still running");
    }

    private static readonly TimeSpan LeakCheckPatience = TimeSpan.FromSeconds(10);

    // A running stage actor of any materializer of the actor system, if one answers in time.
    private async Task<IActorRef?> LiveStageAsync()
    {
        var probe = CreateTestProbe();
        Sys.ActorSelection("/user/StreamSupervisor-*/*").Tell(new Identify(null), probe.Ref);
        var answer = await probe.ReceiveOneAsync(TimeSpan.FromMilliseconds(300));
        return (answer as ActorIdentity)?.Subject;
    }

    [Fact]
    public async Task The_readme_example_produces_consumes_partition_by_partition_commits_and_drains()
    {
        var system = Sys;
        var bootstrapServers = kafka.BootstrapServers;
        var topic = kafka.CreateUniqueTopic("readme");
        var users = Enumerable.Range(0, 30).Select(i => (Id: $"user-{i}", Json: $$"""{"n":{{i}}}""")).ToList();
        var handled = new System.Collections.Concurrent.ConcurrentBag<string>();
        Task HandleAsync(Confluent.Kafka.ConsumeResult<string, string> record)
        {
            handled.Add(record.Message.Key);
            return Task.CompletedTask;
        }

        // --- README: begin ---
        var producerSettings = ProducerSettings<string, string>.Create(system).WithBootstrapServers(bootstrapServers);
        var consumerSettings = ConsumerSettings<string, string>.Create(system)
            .WithBootstrapServers(bootstrapServers)
            .WithGroupId("welcome-mailer");
        var committerSettings = CommitterSettings.Create(system);

        // Produce: one result per envelope, in upstream order, carrying the pass-through value.
        var results = await Source.From(users)
            .Select(u => ProducerMessage.Single(new ProducerRecord<string, string>(topic, u.Id, u.Json), passThrough: u.Id))
            .Via(Producer.FlexiFlow<string, string, string>(producerSettings))
            .RunWith(Sink.Seq<ProducerMessageResult<string, string, string>>(), system);

        // Consume: one sub-stream per assigned partition, each with its own committer;
        // a slow partition pauses only itself.
        var control = Consumer.CommittablePartitionedSource(consumerSettings, Subscription.ToTopics(topic))
            .SelectAsyncUnordered(3, partition => partition.Source
                .SelectAsync(1, async message =>
                {
                    await HandleAsync(message.Record);
                    return (ICommittable)message.CommittableOffset;
                })
                .RunWith(Committer.Sink(committerSettings), system))
            .ToMaterialized(Sink.Ignore<Done>(), DrainingControl<Done>.Create)
            .Run(system);

        // ... later, on shutdown: stop fetching, finish in-flight records, commit, leave the group.
        // await control.DrainAndShutdown();
        // --- README: end ---

        Assert.Equal(users.Select(u => u.Id), results.Select(r => r.PassThrough));
        await Eventually.TrueAsync(() => handled.Distinct().Count() == users.Count, Patience, "every produced record is handled");
        await control.DrainAndShutdown().WaitAsync(Patience);
        // Committed offsets are "next to read": over partitions starting at 0 they add up to the record count.
        Assert.Equal(users.Count, (await CommittedAsync(bootstrapServers, Group, topic)).Sum());
    }

    private static Task<long[]> CommittedAsync(string bootstrapServers, string group, string topic) => Task.Run(() =>
    {
        using var consumer = new Confluent.Kafka.ConsumerBuilder<string, string>(new Confluent.Kafka.ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = group,
        }).Build();
        var partitions = Enumerable.Range(0, 3).Select(p => new Confluent.Kafka.TopicPartition(topic, p));
        var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(10));
        return committed.Where(c => c.Offset.Value >= 0).Select(c => c.Offset.Value).ToArray();
    });
}
