using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.EmailNode.Hosting;
using SignupEmail.EmailNode.Tests.Consuming;
using SignupEmail.EmbeddedKafka;
using SignupEmail.Shared.Contracts;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Outage;

/// <summary>
/// A whole Email node (as its process builds it, on a real HTTP port) against a one-broker embedded
/// cluster of its own, so a test can take Kafka away without disturbing other tests.
/// </summary>
internal sealed class OutageNode : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-0123456789";
    public const string Topic = "user.signed-up";
    public const string DeadLetterTopic = "user.signed-up.dlt";

    /// <summary>Generous: the machine is shared, and the first rebalance on the mock cluster takes a moment.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("signupemail-outage-");

    private OutageNode(ITestOutputHelper output, IReadOnlyDictionary<string, string?> overrides)
    {
        Cluster = EmbeddedKafkaCluster.Start(brokerCount: 1, initialRebalanceDelay: TimeSpan.FromMilliseconds(200));
        Cluster.CreateTopic(Topic, 3, 1);
        Cluster.CreateTopic(DeadLetterTopic, 3, 1);

        var settings = EmailOptionsValidationSpec.ValidPickup(_root.FullName);
        settings["Email:Kafka:BootstrapServers"] = Cluster.BootstrapServers;
        settings["Email:Kafka:GroupId"] = KafkaClusterFixture.UniqueGroupId("outage");
        settings["Email:Kafka:Topic"] = Topic;
        settings["Email:Kafka:DeadLetterTopic"] = DeadLetterTopic;
        settings["Email:Kafka:KafkaProperties:session.timeout.ms"] = "6000";
        settings["Email:Kafka:KafkaProperties:heartbeat.interval.ms"] = "1000";
        settings["Email:Admin:ApiKey"] = AdminKey;
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = _root.FullName,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(new TestOutputLoggerProvider(output));
        App = EmailNodeApplication.Build(builder);
    }

    public EmbeddedKafkaCluster Cluster { get; }

    public WebApplication App { get; }

    public HttpClient Client { get; private set; } = null!;

    public EmailPipeline Pipeline => App.Services.GetRequiredService<EmailPipeline>();

    public string PickupFolder => Path.Combine(_root.FullName, "pickup");

    /// <summary>Starts a node and waits until it consumes all 3 partitions.</summary>
    public static async Task<OutageNode> StartAsync(ITestOutputHelper output, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var node = new OutageNode(output, overrides ?? new Dictionary<string, string?>());
        await node.App.StartAsync();
        node.Client = new HttpClient { BaseAddress = new Uri(node.App.Urls.First()) };
        node.Client.DefaultRequestHeaders.Add(Shared.Hosting.Admin.AdminKey.HeaderName, AdminKey);
        await Eventually.TrueAsync(() => node.Pipeline.AssignedPartitions.Count == 3, Patience, "the node is assigned the topic's 3 partitions");
        return node;
    }

    /// <summary>Produces one welcome event and waits until the node has written its e-mail.</summary>
    public async Task DeliverOneAsync()
    {
        var encoded = new UserSignedUpEncoder("/signupemail/tests").Encode(TestEvents.English($"outage.{Guid.NewGuid():N}@example.com"));
        var headers = new Headers();
        foreach (var header in encoded.Headers)
        {
            headers.Add(header.Name, header.Value);
        }

        var before = Directory.Exists(PickupFolder) ? Directory.GetFiles(PickupFolder, "*.eml").Length : 0;
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = Cluster.BootstrapServers }).Build())
        {
            await producer.ProduceAsync(Topic, new Message<byte[], byte[]> { Key = encoded.Key, Value = encoded.Value, Headers = headers });
        }

        await Eventually.TrueAsync(
            () => Directory.Exists(PickupFolder) && Directory.GetFiles(PickupFolder, "*.eml").Length > before,
            Patience,
            "the node writes the welcome e-mail");
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await App.DisposeAsync();
        Cluster.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }
}
