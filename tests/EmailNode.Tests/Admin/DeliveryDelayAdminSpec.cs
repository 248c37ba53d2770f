using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SignupEmail.EmailNode.Tests.Consuming;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Admin;

/// <summary><c>/admin/delivery/delay</c> on a whole node with experiments on: set, shown, applied to real deliveries, removed.</summary>
[Collection(KafkaCollection.Name)]
public sealed class DeliveryDelayAdminSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : IDisposable
{
    private const string Path = "/admin/delivery/delay";
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(1500);

    // Well under the 60 s delay the removal must cut short, well over a delivery without one.
    private static readonly TimeSpan Released = TimeSpan.FromSeconds(30);

    private readonly AdminTestNode _nodes = new(kafka);

    public void Dispose() => _nodes.Dispose();

    [Fact]
    public async Task A_delay_set_at_run_time_holds_each_delivery_back_and_its_removal_lets_a_waiting_one_go()
    {
        await using var node = _nodes.Node(new Dictionary<string, string?> { ["Email:Admin:Experiments"] = "true" });
        using var client = await AdminTestNode.ReadyClientAsync(node);
        Assert.Equal(0, await MillisecondsAsync(client, Path));

        using (var anonymous = node.CreateClient())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync(Path, new { milliseconds = 10 })).StatusCode);
        }

        await AdminTestNode.AssertInvalidAsync(await client.PutAsJsonAsync(Path, new { milliseconds = -1 }), "milliseconds");
        await AdminTestNode.AssertInvalidAsync(await client.PutAsJsonAsync(Path, new { milliseconds = 60_001 }), "milliseconds");
        await AdminTestNode.AssertInvalidAsync(await client.PutAsJsonAsync(Path, new { seconds = 1 }), "milliseconds");
        await AdminTestNode.AssertInvalidAsync(await client.PutAsync(Path, content: null), "milliseconds");
        using (var wrongType = new StringContent("{\"milliseconds\": \"soon\"}", Encoding.UTF8, "application/json"))
        {
            await AdminTestNode.AssertInvalidAsync(await client.PutAsync(Path, wrongType), "milliseconds");
        }

        Assert.Equal(0, await MillisecondsAsync(client, Path));

        // Set: answered, shown by GET and by /admin/consumer, and a delivery is written no sooner than the delay after its record.
        using (var set = await client.PutAsJsonAsync(Path, new { milliseconds = (long)Delay.TotalMilliseconds }))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            Assert.Equal((long)Delay.TotalMilliseconds, (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("milliseconds").GetInt64());
        }

        Assert.Equal((long)Delay.TotalMilliseconds, await MillisecondsAsync(client, Path));
        var consumer = await AdminTestNode.GetJsonAsync(client, "/admin/consumer");
        Assert.Equal((long)Delay.TotalMilliseconds, consumer.GetProperty("deliveryDelayMs").GetInt64());

        var produced = DateTime.UtcNow;
        var slowed = await _nodes.ProduceSignupAsync(0, "slowed@example.com");
        var slowedFile = MailFile(slowed.EventId);
        await Eventually.TrueAsync(() => File.Exists(slowedFile), AdminTestNode.Patience, "the slowed e-mail is delivered");
        var took = File.GetLastWriteTimeUtc(slowedFile) - produced;
        output.WriteLine($"written {took} after its record was produced");
        // The delay starts after the record is consumed, so after it was produced: the file cannot be
        // older than that (a little slack for the file system's timestamp granularity).
        Assert.True(took >= Delay - TimeSpan.FromMilliseconds(20), $"written {took} after its record, under the {Delay} delay");

        // A delivery waiting out a long delay goes once the delay is removed, far sooner than the delay.
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync(Path, new { milliseconds = 60_000 })).StatusCode);
        var held = await _nodes.ProduceSignupAsync(1, "held@example.com");
        using (var removed = await client.DeleteAsync(Path))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
            Assert.Equal(0, (await removed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("milliseconds").GetInt64());
        }

        await Eventually.TrueAsync(() => File.Exists(MailFile(held.EventId)), Released, "the held e-mail is delivered once the delay is removed");
        Assert.Equal(0, (await AdminTestNode.GetJsonAsync(client, "/admin/consumer")).GetProperty("deliveryDelayMs").GetInt64());
    }

    private string MailFile(Guid eventId) => System.IO.Path.Combine(_nodes.PickupFolder, $"{eventId:D}.eml");

    private static async Task<long> MillisecondsAsync(HttpClient client, string path) =>
        (await AdminTestNode.GetJsonAsync(client, path)).GetProperty("milliseconds").GetInt64();
}
