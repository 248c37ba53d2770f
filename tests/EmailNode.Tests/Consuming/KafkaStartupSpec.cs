using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.EmailNode.Hosting;
using SignupEmail.EmbeddedKafka;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Consuming;

/// <summary>
/// The whole node as its process builds it, started against the embedded cluster: it checks its
/// topics and its brokers before consuming, and a problem fails the start naming the key at fault.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaStartupSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("signupemail-startup-");
    private readonly ConcurrentQueue<string> _log = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    [Fact]
    public async Task Existing_topics_let_the_node_start_consume_and_become_ready()
    {
        var (topic, dlt) = (kafka.CreateUniqueTopic("startup"), kafka.CreateUniqueTopic("startup-dlt"));

        await using var node = Node(kafka.BootstrapServers, topic, dlt);
        await node.StartAsync();

        var pipeline = node.Services.GetRequiredService<EmailPipeline>();
        await Eventually.TrueAsync(() => pipeline.AssignedPartitions.Count == 3, Patience, "the node is assigned the topic's 3 partitions");
        Assert.Equal(HealthStatus.Healthy, (await ReadinessAsync(node)).Status);
        Assert.Contains(_log, line => line.Contains($"Topics checked: {topic} has 3 partitions", StringComparison.Ordinal));
        await node.StopAsync();
    }

    [Fact]
    public async Task A_missing_topic_fails_the_start_naming_Email_Kafka_Topic_and_is_not_created()
    {
        var typo = $"test.signed-up-typo.{Guid.NewGuid():N}";
        var dlt = kafka.CreateUniqueTopic("startup-dlt");

        var error = await StartFailureAsync(Node(kafka.BootstrapServers, typo, dlt));

        Assert.StartsWith($"Email:Kafka:Topic '{typo}' does not exist on the cluster ({kafka.BootstrapServers}).", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Email:Kafka:DeadLetterTopic", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TopicsOnTheCluster(), t => t == typo);
    }

    [Fact]
    public async Task A_missing_dead_letter_topic_fails_the_start_naming_Email_Kafka_DeadLetterTopic()
    {
        var topic = kafka.CreateUniqueTopic("startup");
        var missing = $"test.missing-dlt.{Guid.NewGuid():N}";

        var error = await StartFailureAsync(Node(kafka.BootstrapServers, topic, missing));

        Assert.StartsWith($"Email:Kafka:DeadLetterTopic '{missing}' does not exist on the cluster", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TopicsOnTheCluster(), t => t == missing);
    }

    [Fact]
    public async Task A_dead_letter_topic_with_fewer_partitions_than_the_topic_fails_the_start_naming_it()
    {
        var topic = kafka.CreateUniqueTopic("startup", partitions: 3);
        var narrow = kafka.CreateUniqueTopic("startup-narrow-dlt", partitions: 2);

        var error = await StartFailureAsync(Node(kafka.BootstrapServers, topic, narrow));

        Assert.StartsWith(
            $"Email:Kafka:DeadLetterTopic '{narrow}' has 2 partitions, fewer than the 3 of Email:Kafka:Topic '{topic}'.",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_brokers_fail_the_start_after_the_startup_timeout_naming_Email_Kafka_BootstrapServers()
    {
        var closed = $"127.0.0.1:{ClosedPort()}";
        var timeout = TimeSpan.FromSeconds(4);
        var node = Node(closed, "user.signed-up", "user.signed-up.dlt", timeout);

        var clock = Stopwatch.StartNew();
        var error = await StartFailureAsync(node);
        var elapsed = clock.Elapsed;

        Assert.StartsWith($"Email:Kafka:BootstrapServers '{closed}': no Kafka broker answered within 4 s (Email:Kafka:StartupTimeout", error.Message, StringComparison.Ordinal);
        // It waited for the brokers instead of failing at once (a crash loop under a supervisor), and
        // gave up instead of hanging; the upper bound is loose, for a busy machine.
        Assert.True(elapsed >= timeout, $"gave up after {elapsed}, before the {timeout} timeout");
        Assert.True(elapsed < timeout + TimeSpan.FromSeconds(60), $"took {elapsed} to give up with a {timeout} timeout");
        Assert.Contains(_log, line => line.Contains($"Kafka at {closed} does not answer yet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Brokers_that_come_up_within_the_startup_timeout_let_the_start_go_on()
    {
        // A cluster of its own: this one is taken down.
        using var cluster = EmbeddedKafkaCluster.Start(brokerCount: 1, initialRebalanceDelay: TimeSpan.FromMilliseconds(200));
        cluster.CreateTopic("user.signed-up", 3, 1);
        cluster.CreateTopic("user.signed-up.dlt", 3, 1);
        cluster.SetBrokerDown(EmbeddedKafkaCluster.AllBrokers);

        await using var node = Node(cluster.BootstrapServers, "user.signed-up", "user.signed-up.dlt", TimeSpan.FromSeconds(120));
        var start = node.StartAsync();
        await Eventually.TrueAsync(
            () => _log.Any(line => line.Contains($"Kafka at {cluster.BootstrapServers} does not answer yet", StringComparison.Ordinal)),
            Patience,
            "the start waits for the broker");
        Assert.False(start.IsCompleted, "the start goes on waiting while the broker is down");

        cluster.SetBrokerUp(EmbeddedKafkaCluster.AllBrokers);
        await start.WaitAsync(Patience);

        var pipeline = node.Services.GetRequiredService<EmailPipeline>();
        await Eventually.TrueAsync(() => pipeline.AssignedPartitions.Count == 3, Patience, "the node consumes once the broker is up");
        await node.StopAsync();
    }

    private WebApplication Node(string bootstrapServers, string topic, string deadLetterTopic, TimeSpan? startupTimeout = null)
    {
        var settings = EmailOptionsValidationSpec.ValidPickup(_root.FullName);
        settings["Email:Kafka:BootstrapServers"] = bootstrapServers;
        settings["Email:Kafka:GroupId"] = KafkaClusterFixture.UniqueGroupId("startup");
        settings["Email:Kafka:Topic"] = topic;
        settings["Email:Kafka:DeadLetterTopic"] = deadLetterTopic;
        settings["Email:Kafka:StartupTimeout"] = (startupTimeout ?? TimeSpan.FromSeconds(30)).ToString("c");
        settings["Email:Kafka:KafkaProperties:session.timeout.ms"] = "6000";
        settings["Email:Kafka:KafkaProperties:heartbeat.interval.ms"] = "1000";

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = _root.FullName,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders()
            .AddProvider(new TestOutputLoggerProvider(output))
            .AddProvider(new CapturingLoggerProvider(_log));
        return EmailNodeApplication.Build(builder);
    }

    /// <summary>Starts <paramref name="node"/>, expecting the start-up check to refuse; returns its error.</summary>
    private static async Task<InvalidOperationException> StartFailureAsync(WebApplication node)
    {
        await using (node)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => node.StartAsync().WaitAsync(Patience));
            Assert.False(node.Services.GetRequiredService<EmailPipeline>().IsRunning, "the pipeline did not start");
            return error;
        }
    }

    private static Task<HealthReport> ReadinessAsync(WebApplication node) =>
        node.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Tags.Contains("ready"));

    /// <summary>Every topic the cluster lists, asked for all at once (asking by name would create it).</summary>
    private List<string> TopicsOnTheCluster()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        return admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Select(t => t.Topic).ToList();
    }

    /// <summary>A loopback port nothing listens on: taken from the OS, then released.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    lines.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
