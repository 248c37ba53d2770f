using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using SignupEmail.EmailNode.DeadLetters;
using SignupEmail.Shared.Contracts;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Consuming;

/// <summary>The whole node as Program.cs builds it (Akka.Hosting, HOCON, pipeline, admin API) against the embedded cluster.</summary>
[Collection(KafkaCollection.Name)]
public sealed class EmailNodeAdminSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : IDisposable
{
    private const string AdminKey = "test-admin-key-0123456789";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("signupemail-admin-");
    private readonly string _topic = kafka.CreateUniqueTopic("admin");
    private readonly string _dlt = kafka.CreateUniqueTopic("admin-dlt");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    private WebApplicationFactory<Program> Node()
    {
        var settings = EmailOptionsValidationSpec.ValidPickup(_root.FullName);
        settings["Email:Kafka:BootstrapServers"] = kafka.BootstrapServers;
        settings["Email:Kafka:GroupId"] = KafkaClusterFixture.UniqueGroupId("admin");
        settings["Email:Kafka:Topic"] = _topic;
        settings["Email:Kafka:DeadLetterTopic"] = _dlt;
        settings["Email:Kafka:KafkaProperties:session.timeout.ms"] = "6000";
        settings["Email:Kafka:KafkaProperties:heartbeat.interval.ms"] = "1000";
        settings["Email:Admin:ApiKey"] = AdminKey;

        return new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseContentRoot(_root.FullName);
            web.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        });
    }

    [Fact]
    public async Task Admin_endpoints_refuse_callers_without_the_key_and_show_dead_letters_and_lag_with_it()
    {
        await using var node = Node();
        using var client = node.CreateClient();

        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, Patience, "the node becomes ready once it consumes");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/admin/consumer")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/admin/dead-letters")).StatusCode);
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "/admin/consumer"))
        {
            wrong.Headers.Add(Shared.Hosting.Admin.AdminKey.HeaderName, "not-the-key-at-all");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);
        }

        using (var replay = new HttpRequestMessage(HttpMethod.Post, "/admin/dead-letters/replay") { Content = JsonContent.Create(new { all = true }) })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(replay)).StatusCode);
        }

        client.DefaultRequestHeaders.Add(Shared.Hosting.Admin.AdminKey.HeaderName, AdminKey);
        await Eventually.TrueAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>("/admin/consumer")).GetProperty("partitions").GetArrayLength() == 3,
            Patience,
            "the consumer endpoint lists the 3 assigned partitions");

        // One poison record: it shows up in the dead-letter listing, with its diagnostics.
        var eventId = Guid.NewGuid();
        using (var producer = new Confluent.Kafka.ProducerBuilder<byte[], byte[]>(new Confluent.Kafka.ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build())
        {
            await producer.ProduceAsync(new Confluent.Kafka.TopicPartition(_topic, 1), new Confluent.Kafka.Message<byte[], byte[]>
            {
                Key = Encoding.UTF8.GetBytes("u1"),
                Value = Encoding.UTF8.GetBytes("{broken"),
                Headers = new Confluent.Kafka.Headers { { CloudEventHeaders.Id, Encoding.UTF8.GetBytes(eventId.ToString("D")) } },
            });
        }

        await Eventually.TrueAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>("/admin/dead-letters")).GetArrayLength() == 1,
            Patience,
            "the poison record is listed");
        var entry = (await client.GetFromJsonAsync<JsonElement>("/admin/dead-letters?partition=1&fromOffset=0"))[0];
        Assert.Equal(eventId.ToString("D"), entry.GetProperty("eventId").GetString());
        Assert.Equal(1, entry.GetProperty("partition").GetInt32());
        Assert.Equal("DecodeFailure.UndecodableJson", entry.GetProperty("headers").GetProperty(DeadLetterHeaders.ExceptionType).GetString());

        await Eventually.TrueAsync(
            async () =>
            {
                var consumer = await client.GetFromJsonAsync<JsonElement>("/admin/consumer");
                var p1 = consumer.GetProperty("partitions").EnumerateArray().Single(p => p.GetProperty("partition").GetInt32() == 1);
                return p1.GetProperty("highWatermark").GetInt64() == 1 && p1.GetProperty("lag").GetInt64() == 0;
            },
            Patience,
            "lag of partition 1 drops to zero once the poison record is committed");

        var badRequest = await client.PostAsJsonAsync("/admin/dead-letters/replay", new { all = true, partition = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, badRequest.StatusCode);
        output.WriteLine(await badRequest.Content.ReadAsStringAsync());
    }
}
