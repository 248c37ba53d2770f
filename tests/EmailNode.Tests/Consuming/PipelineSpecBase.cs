using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Akka.Configuration;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.EmailNode.Delivery;
using SignupEmail.EmailNode.SendLog;
using SignupEmail.EmailNode.Settings;
using SignupEmail.Shared.Contracts;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Consuming;

/// <summary>
/// What the pipeline specs share: an embedded Kafka cluster (per collection) with fresh topics and
/// group per test, a real SMTP server in-process, a real send log (SQLite file unless a test
/// chooses PostgreSQL), and pipelines run on the test's actor system with the node's HOCON.
/// </summary>
public abstract class PipelineSpecBase : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("signupemail-pipeline-");
    private readonly List<EmailPipeline> _pipelines = [];
    private readonly List<SmtpMailDelivery> _deliveries = [];
    private readonly List<Akka.Actor.ActorSystem> _systems = [];
    private readonly UserSignedUpEncoder _encoder = new("/signupemail/tests");

    protected PipelineSpecBase(KafkaClusterFixture kafka, ITestOutputHelper output, string? extraHocon = null)
        : base(Config(extraHocon), output: output)
    {
        Kafka = kafka;
        Topic = kafka.CreateUniqueTopic("signed-up");
        DeadLetterTopic = kafka.CreateUniqueTopic("signed-up-dlt");
        GroupId = KafkaClusterFixture.UniqueGroupId("email");
        Smtp = new TestSmtpServer();
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(new TestOutputLoggerProvider(output)));
    }

    /// <summary>Generous: rebalances on the mock cluster take about a session timeout, and the machine is shared.</summary>
    protected static TimeSpan Patience { get; } = TimeSpan.FromSeconds(90);

    protected KafkaClusterFixture Kafka { get; }

    protected string Topic { get; }

    protected string DeadLetterTopic { get; }

    protected string GroupId { get; }

    private protected TestSmtpServer Smtp { get; set; }

    protected ILoggerFactory LoggerFactory { get; }

    protected ISendLog SendLog { get; private set; } = null!;

    protected SendLogOptions SendLogOptions { get; private set; } = null!;

    /// <summary>Every message any SMTP server of this test accepted (servers replaced by a restart included).</summary>
    protected ConcurrentQueue<MimeKit.MimeMessage> EarlierMessages { get; } = new();

    protected IReadOnlyList<MimeKit.MimeMessage> AllMessages => [.. EarlierMessages, .. Smtp.Messages];

    /// <summary>Another actor system with the node's HOCON only, e.g. for a second node; shut down with the test.</summary>
    protected Akka.Actor.ActorSystem NodeSystem(string name)
    {
        var system = Akka.Actor.ActorSystem.Create(name, Config(null));
        _systems.Add(system);
        return system;
    }

    private static Akka.Configuration.Config Config(string? extraHocon) =>
        ConfigurationFactory.ParseString(extraHocon ?? string.Empty)
            .WithFallback(ConfigurationFactory.ParseString("""
                akka.loglevel = INFO
                akka.stdout-loglevel = WARNING
                """))
            .WithFallback(EmailNodeHocon.Load());

    /// <summary>The send log: SQLite in the test's folder unless overridden.</summary>
    protected virtual Task<SendLogOptions> CreateSendLogAsync() => Task.FromResult(new SendLogOptions
    {
        Provider = SendLogProviders.Sqlite,
        ConnectionString = $"Data Source={Path.Combine(_root.FullName, "send-log.db")}",
    });

    protected virtual Task DropSendLogAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    public async Task InitializeAsync()
    {
        SendLogOptions = await CreateSendLogAsync();
        SendLog = new SqlSendLog(SendLogOptions, TimeProvider.System);
        await SendLog.EnsureSchemaAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var pipeline in _pipelines)
        {
            await pipeline.DrainAsync();
        }

        foreach (var system in _systems)
        {
            await system.Terminate();
        }

        foreach (var delivery in _deliveries)
        {
            await delivery.DisposeAsync();
        }

        await Smtp.DisposeAsync();
        LoggerFactory.Dispose();
        await DropSendLogAsync();
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pool closing in the background; the temp folder is cleaned by the OS.
        }
    }

    protected ConsumingOptions Options(Func<ConsumingOptions, ConsumingOptions>? change = null)
    {
        var options = new ConsumingOptions
        {
            BootstrapServers = Kafka.BootstrapServers,
            GroupId = GroupId,
            Topic = Topic,
            DeadLetterTopic = DeadLetterTopic,
            KafkaProperties = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                // Rebalances on the mock cluster wait about session.timeout.ms (KAFKA-MOCK.md).
                ["session.timeout.ms"] = "6000",
                ["heartbeat.interval.ms"] = "1000",
            },
            Retry = new RetryOptions { MinBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(500), UnknownMaxAttempts = 3 },
            CircuitBreaker = new CircuitBreakerOptions { MaxFailures = 3, ResetTimeout = TimeSpan.FromSeconds(1) },
            Restart = new RestartOptions { MinBackoff = TimeSpan.FromMilliseconds(200), MaxBackoff = TimeSpan.FromSeconds(2) },
            DrainTimeout = TimeSpan.FromSeconds(30),
        };
        Assert.Empty(ConsumingOptionsValidator.Errors(options));
        return change is null ? options : change(options);
    }

    /// <summary>An SMTP delivery to the test server, wrapped so the test can count, slow down or fail sends.</summary>
    private protected RecordingDelivery Delivery()
    {
        var smtp = new SmtpMailDelivery(
            new SmtpOptions { Host = "127.0.0.1", Port = Smtp.Port, TlsMode = SmtpTlsMode.None, MaxConnections = 4, Timeout = TimeSpan.FromSeconds(5) },
            TimeProvider.System,
            LoggerFactory.CreateLogger<SmtpMailDelivery>());
        _deliveries.Add(smtp);
        return new RecordingDelivery(smtp);
    }

    protected EmailPipeline StartPipeline(IMailDelivery delivery, ConsumingOptions? options = null, DeliveryCircuitBreaker? breaker = null, Akka.Actor.ActorSystem? system = null)
    {
        options ??= Options();
        breaker ??= Breaker(options);
        var handler = new WelcomeRecordHandler(
            SendLog, Renderers.Shipped(), delivery, breaker, new DeliveryDelay(TimeProvider.System), options.Retry, TimeProvider.System, LoggerFactory.CreateLogger<WelcomeRecordHandler>());
        var pipeline = new EmailPipeline(system ?? Sys, options, handler, TimeProvider.System, LoggerFactory.CreateLogger<EmailPipeline>());
        pipeline.Start();
        _pipelines.Add(pipeline);
        return pipeline;
    }

    protected DeliveryCircuitBreaker Breaker(ConsumingOptions options) =>
        new(options.CircuitBreaker, TimeProvider.System, LoggerFactory.CreateLogger<DeliveryCircuitBreaker>());

    protected static UserSignedUp Event(int partition, int n, string? email = null) => new(
        Guid.NewGuid(), $"user-p{partition}-{n}", email ?? $"user.p{partition}.n{n}@example.com", n % 2 == 0 ? "김민지" : "Alice", n % 2 == 0 ? "ko" : "en", DateTimeOffset.UtcNow);

    /// <summary>Produces records to fixed partitions, in order: encoded events, or raw (poison) values with a <c>ce_id</c>.</summary>
    protected async Task ProduceAsync(IEnumerable<(int Partition, object Record)> records)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = Kafka.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
        }).Build();
        foreach (var (partition, record) in records)
        {
            var message = record switch
            {
                UserSignedUp @event => ToMessage(_encoder.Encode(@event)),
                PoisonRecord poison => new Message<byte[], byte[]>
                {
                    Key = Encoding.UTF8.GetBytes("poison"),
                    Value = poison.Value,
                    Headers = new Headers { { CloudEventHeaders.Id, Encoding.UTF8.GetBytes(poison.EventId.ToString("D")) }, { "x-test", Encoding.UTF8.GetBytes("kept") } },
                },
                _ => throw new ArgumentException($"Unknown record {record}", nameof(records)),
            };
            await producer.ProduceAsync(new TopicPartition(Topic, partition), message);
        }
    }

    protected Task ProduceAsync(params (int Partition, object Record)[] records) => ProduceAsync(records.AsEnumerable());

    /// <summary>Every record on the dead-letter topic, read with a plain Confluent consumer.</summary>
    protected List<ConsumeResult<byte[], byte[]>> ReadDeadLetters()
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = Kafka.BootstrapServers,
            GroupId = KafkaClusterFixture.UniqueGroupId("dlt-reader"),
            EnableAutoCommit = false,
        }).Build();
        var records = new List<ConsumeResult<byte[], byte[]>>();
        for (var p = 0; p < 3; p++)
        {
            var partition = new TopicPartition(DeadLetterTopic, p);
            var high = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value;
            if (high == 0)
            {
                continue;
            }

            consumer.Assign(new TopicPartitionOffset(partition, 0));
            while (records.Count(r => r.Partition.Value == p) < high)
            {
                records.Add(consumer.Consume(TimeSpan.FromSeconds(10)) ?? throw new TimeoutException($"DLT partition {p} did not deliver up to {high}"));
            }
        }

        return records;
    }

    /// <summary>The group's committed offsets of the source topic (-1001 when none).</summary>
    protected Dictionary<int, long> Committed()
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = Kafka.BootstrapServers,
            GroupId = GroupId,
            EnableAutoCommit = false,
        }).Build();
        return consumer.Committed(Enumerable.Range(0, 3).Select(p => new TopicPartition(Topic, p)), TimeSpan.FromSeconds(10))
            .ToDictionary(c => c.Partition.Value, c => c.Offset.Value);
    }

    protected Task WaitForCommitsAsync(int p0, int p1, int p2, string because) =>
        Eventually.TrueAsync(
            () =>
            {
                var committed = Committed();
                return committed[0] == p0 && committed[1] == p1 && committed[2] == p2;
            },
            Patience,
            because);

    protected static string Header(ConsumeResult<byte[], byte[]> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : throw new Xunit.Sdk.XunitException($"header {name} missing");

    protected static long Long(string text) => long.Parse(text, CultureInfo.InvariantCulture);

    protected static string MessageIdOf(UserSignedUp @event) => Templates.WelcomeMessageRenderer.MessageIdFor(@event.EventId);

    private static Message<byte[], byte[]> ToMessage(EncodedRecord encoded)
    {
        var headers = new Headers();
        foreach (var header in encoded.Headers)
        {
            headers.Add(header.Name, header.Value);
        }

        return new Message<byte[], byte[]> { Key = encoded.Key, Value = encoded.Value, Headers = headers };
    }
}

/// <summary>A record that cannot be decoded, with the event id it claims in <c>ce_id</c>.</summary>
internal sealed record PoisonRecord(Guid EventId, byte[] Value);
