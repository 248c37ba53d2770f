using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SignupEmail.EmailNode.Tests.Consuming;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Admin;

/// <summary>The whole node as Program.cs builds it (Akka.Hosting, HOCON, pipeline, admin API) against the embedded cluster.</summary>
[Collection(KafkaCollection.Name)]
public sealed class EmailNodeAdminSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : IDisposable
{
    private readonly AdminTestNode _nodes = new(kafka);

    public void Dispose() => _nodes.Dispose();

    [Fact]
    public async Task Admin_endpoints_refuse_callers_without_the_key_and_describe_kafka_and_the_consumer_with_it()
    {
        await using var node = _nodes.Node();
        using var client = node.CreateClient();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, AdminTestNode.Patience, "the node becomes ready once it consumes");

        foreach (var path in new[] { "/admin/consumer", "/admin/dead-letters", "/admin/kafka/topics", "/admin/kafka/lag", "/admin/mail?eventId=" + Guid.NewGuid() })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path)).StatusCode);
        }

        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "/admin/consumer"))
        {
            wrong.Headers.Add(Shared.Hosting.Admin.AdminKey.HeaderName, "not-the-key-at-all");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);
        }

        using (var replay = new HttpRequestMessage(HttpMethod.Post, "/admin/dead-letters/replay") { Content = JsonContent.Create(new { all = true }) })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(replay)).StatusCode);
        }

        // The key is checked before the body is read: a bad body without the key is still a 401.
        using (var garbage = new HttpRequestMessage(HttpMethod.Post, "/admin/dead-letters/replay") { Content = new StringContent("{not json", Encoding.UTF8, "application/json") })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(garbage)).StatusCode);
        }

        client.DefaultRequestHeaders.Add(Shared.Hosting.Admin.AdminKey.HeaderName, AdminTestNode.AdminKey);
        await Eventually.TrueAsync(
            async () => (await AdminTestNode.GetJsonAsync(client, "/admin/consumer")).GetProperty("partitions").GetArrayLength() == 3,
            AdminTestNode.Patience,
            "the consumer endpoint lists the 3 assigned partitions");
        var consumer = await AdminTestNode.GetJsonAsync(client, "/admin/consumer");
        output.WriteLine(consumer.ToString());
        var circuit = consumer.GetProperty("circuit");
        Assert.Equal("Closed", circuit.GetProperty("state").GetString());
        Assert.Equal(0, circuit.GetProperty("consecutiveFailures").GetInt32());
        Assert.Equal(JsonValueKind.Null, circuit.GetProperty("openedAt").ValueKind);
        Assert.All(consumer.GetProperty("partitions").EnumerateArray(), p => Assert.Equal("Consuming", p.GetProperty("state").GetString()));

        // The course's cluster diagram: 3 brokers, each topic's 3 partitions led by one of them and replicated on all.
        var topology = await AdminTestNode.GetJsonAsync(client, "/admin/kafka/topics");
        output.WriteLine(topology.ToString());
        Assert.Equal([1, 2, 3], topology.GetProperty("brokers").EnumerateArray().Select(b => b.GetProperty("id").GetInt32()));
        Assert.All(topology.GetProperty("brokers").EnumerateArray(), b => Assert.InRange(b.GetProperty("port").GetInt32(), 1, 65535));
        Assert.Equal(1, topology.GetProperty("controllerId").GetInt32());
        var topics = topology.GetProperty("topics").EnumerateArray().ToList();
        Assert.Equal([_nodes.Topic, _nodes.DeadLetterTopic], topics.Select(t => t.GetProperty("name").GetString()));
        foreach (var topic in topics)
        {
            var partitions = topic.GetProperty("partitions").EnumerateArray().ToList();
            Assert.Equal([0, 1, 2], partitions.Select(p => p.GetProperty("partition").GetInt32()));
            Assert.All(partitions, p =>
            {
                Assert.InRange(p.GetProperty("leader").GetInt32(), 1, 3);
                Assert.Equal([1, 2, 3], p.GetProperty("replicas").EnumerateArray().Select(r => r.GetInt32()).Order());
                Assert.Equal([1, 2, 3], p.GetProperty("isr").EnumerateArray().Select(r => r.GetInt32()).Order());
            });
        }

        // Experiments are off by default: the delivery delay routes do not exist, and there is no delay.
        Assert.Equal(0, consumer.GetProperty("deliveryDelayMs").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/delivery/delay")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync("/admin/delivery/delay", new { milliseconds = 100 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/admin/delivery/delay")).StatusCode);

        // The admin routes are in the node's OpenAPI document.
        var openApi = await AdminTestNode.GetJsonAsync(client, "/openapi/v1.json");
        var paths = openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Superset(
            new HashSet<string>(["/admin/node", "/admin/kafka/topics", "/admin/kafka/lag", "/admin/consumer", "/admin/dead-letters", "/admin/dead-letters/replay", "/admin/mail"]),
            paths.ToHashSet());
    }

    [Fact]
    public async Task The_send_log_is_looked_up_by_address_in_any_case_or_IDN_form_and_by_event_id()
    {
        await using var node = _nodes.Node();
        using var client = await AdminTestNode.ReadyClientAsync(node);

        // Published as the User node publishes it: canonical, the domain as its A-label.
        var signup = await _nodes.ProduceSignupAsync(1, "Minji.Kim@xn--r8jz45g.jp");
        var byEventId = $"/admin/mail?eventId={signup.EventId}";
        await Eventually.TrueAsync(async () => (await client.GetAsync(byEventId)).StatusCode == HttpStatusCode.OK, AdminTestNode.Patience, "the welcome e-mail is logged");

        var entry = Assert.Single((await AdminTestNode.GetJsonAsync(client, byEventId)).GetProperty("items").EnumerateArray());
        output.WriteLine(entry.ToString());
        Assert.Equal(signup.EventId, entry.GetProperty("eventId").GetGuid());
        Assert.Equal("Sent", entry.GetProperty("status").GetString());
        Assert.Equal("Minji.Kim@xn--r8jz45g.jp", entry.GetProperty("recipient").GetString());
        Assert.Equal(1, entry.GetProperty("partition").GetInt32());
        Assert.Equal(Templates.WelcomeMessageRenderer.MessageIdFor(signup.EventId), entry.GetProperty("messageId").GetString());

        foreach (var spelling in new[] { "minji.kim@例え.jp", "MINJI.KIM@XN--R8JZ45G.JP", " Minji.Kim@xn--r8jz45g.jp " })
        {
            var found = await AdminTestNode.GetJsonAsync(client, $"/admin/mail?email={Uri.EscapeDataString(spelling)}");
            Assert.Equal(signup.EventId, Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("eventId").GetGuid());
        }

        using (var unknownAddress = await client.GetAsync("/admin/mail?email=nobody%40example.com"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknownAddress.StatusCode);
            Assert.Equal("application/problem+json", unknownAddress.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("nobody", await unknownAddress.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var unknownEvent = await client.GetAsync($"/admin/mail?eventId={Guid.NewGuid()}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknownEvent.StatusCode);
        }

        await AdminTestNode.AssertInvalidAsync(await client.GetAsync("/admin/mail?email=not-an-address"), "email");
        await AdminTestNode.AssertInvalidAsync(await client.GetAsync("/admin/mail?eventId=42"), "eventId");
        await AdminTestNode.AssertInvalidAsync(await client.GetAsync("/admin/mail"), "email");
        await AdminTestNode.AssertInvalidAsync(await client.GetAsync($"/admin/mail?email=a%40example.com&eventId={signup.EventId}"), "eventId");
    }
}
