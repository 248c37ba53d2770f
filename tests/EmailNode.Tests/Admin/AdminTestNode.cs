using System.Net;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using SignupEmail.Shared.Contracts;
using SignupEmail.Testing;

namespace SignupEmail.EmailNode.Tests.Admin;

/// <summary>
/// Whole Email nodes as Program.cs builds them, on the shared embedded cluster, with topics, a group,
/// a pickup folder and a send log of their own: every node made by one instance shares them.
/// </summary>
internal sealed class AdminTestNode(KafkaClusterFixture kafka) : IDisposable
{
    public const string AdminKey = "test-admin-key-0123456789";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("signupemail-admin-");

    public string Topic { get; } = kafka.CreateUniqueTopic("admin");

    public string DeadLetterTopic { get; } = kafka.CreateUniqueTopic("admin-dlt");

    public string GroupId { get; } = KafkaClusterFixture.UniqueGroupId("admin");

    /// <summary>Where the nodes write their e-mails.</summary>
    public string PickupFolder => Path.Combine(_root.FullName, "pickup");

    /// <summary>A node; not started until its first client is made. <paramref name="extra"/> settings override the defaults.</summary>
    public WebApplicationFactory<Program> Node(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = EmailOptionsValidationSpec.ValidPickup(_root.FullName);
        settings["Email:Kafka:BootstrapServers"] = kafka.BootstrapServers;
        settings["Email:Kafka:GroupId"] = GroupId;
        settings["Email:Kafka:Topic"] = Topic;
        settings["Email:Kafka:DeadLetterTopic"] = DeadLetterTopic;
        settings["Email:Kafka:KafkaProperties:session.timeout.ms"] = "6000";
        settings["Email:Kafka:KafkaProperties:heartbeat.interval.ms"] = "1000";
        settings["Email:Admin:ApiKey"] = AdminKey;
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseContentRoot(_root.FullName);
            web.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        });
    }

    /// <summary>A client with the admin key, once the node consumes.</summary>
    public static async Task<HttpClient> ReadyClientAsync(WebApplicationFactory<Program> node)
    {
        var client = node.CreateClient();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, Patience, "the node becomes ready once it consumes");
        client.DefaultRequestHeaders.Add(Shared.Hosting.Admin.AdminKey.HeaderName, AdminKey);
        return client;
    }

    /// <summary>A welcome event for <paramref name="email"/> (encoded as the User node does) to partition <paramref name="partition"/>.</summary>
    public async Task<UserSignedUp> ProduceSignupAsync(int partition, string email)
    {
        var @event = TestEvents.English(email);
        var encoded = new UserSignedUpEncoder("/signupemail/tests").Encode(@event);
        var headers = new Headers();
        foreach (var header in encoded.Headers)
        {
            headers.Add(header.Name, header.Value);
        }

        await ProduceAsync(partition, new Message<byte[], byte[]> { Key = encoded.Key, Value = encoded.Value, Headers = headers });
        return @event;
    }

    /// <summary>A record that cannot be decoded, claiming event id <paramref name="eventId"/>, to partition <paramref name="partition"/>.</summary>
    public Task ProducePoisonAsync(int partition, Guid eventId) =>
        ProduceAsync(partition, new Message<byte[], byte[]>
        {
            Key = Encoding.UTF8.GetBytes($"u-{eventId:N}"),
            Value = Encoding.UTF8.GetBytes("{broken"),
            Headers = new Headers { { CloudEventHeaders.Id, Encoding.UTF8.GetBytes(eventId.ToString("D")) } },
        });

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts a 400 validation problem naming <paramref name="field"/>.</summary>
    public static async Task AssertInvalidAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}': {body}");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pool closing in the background; the temp folder is cleaned by the OS.
        }
    }

    private async Task ProduceAsync(int partition, Message<byte[], byte[]> message)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        await producer.ProduceAsync(new TopicPartition(Topic, partition), message);
    }
}
