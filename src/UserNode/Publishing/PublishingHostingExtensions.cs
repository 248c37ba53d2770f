using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Pattern;
using SignupEmail.Streams.Kafka.Settings;
using SignupEmail.UserNode.Configuration;
using SignupEmail.UserNode.Persistence;

namespace SignupEmail.UserNode.Publishing;

/// <summary>Registers the journal-driven publisher with Akka.Hosting.</summary>
public static class PublishingHostingExtensions
{
    /// <summary>Cluster singleton name; the same on every node.</summary>
    public const string SingletonName = "journal-publisher";

    /// <summary>
    /// Runs the publisher once per cluster (a singleton that moves to a surviving node; under a
    /// backoff supervisor that restarts it from its stored offset after a failure) and, on every
    /// node, the forwarder that wakes it after each journal write.
    /// </summary>
    public static AkkaConfigurationBuilder WithJournalPublisher(
        this AkkaConfigurationBuilder builder, PublishingOptions options, PersistenceOptions persistence)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var settings = JournalPublisherSettings.From(options);
        var store = new JournalStore(PersistenceHostingExtensions.DataOptionsFor(persistence));
        builder.WithSingleton<JournalPublisherSingleton>(
            SingletonName,
            (system, _, _) =>
            {
                var producer = ProducerSettings<byte[], byte[]>.Create(system).WithBootstrapServers(options.BootstrapServers);
                foreach (var (key, value) in options.KafkaProperties)
                {
                    producer = producer.WithProperty(key, value);
                }

                return BackoffSupervisor.Props(Backoff.OnFailure(
                    JournalPublisher.PropsFor(settings, store, producer),
                    "publisher",
                    options.MinBackoff,
                    options.MaxBackoff,
                    randomFactor: 0.2,
                    maxNrOfRetries: -1));
            },
            new ClusterSingletonOptions(),
            createProxyToo: true);

        return builder.WithActors((system, registry) =>
        {
            var proxy = registry.Get<JournalPublisherSingleton>();
            system.ActorOf(PublisherWakeUpForwarder.PropsFor(proxy), "publisher-wake-up");
        });
    }
}
