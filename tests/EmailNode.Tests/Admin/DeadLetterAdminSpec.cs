using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SignupEmail.EmailNode.DeadLetters;
using SignupEmail.EmailNode.Tests.Consuming;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.EmailNode.Tests.Admin;

/// <summary><c>/admin/dead-letters</c> on a whole node: pages that link to the next, decoded headers, replay over HTTP.</summary>
[Collection(KafkaCollection.Name)]
public sealed class DeadLetterAdminSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : IDisposable
{
    private readonly AdminTestNode _nodes = new(kafka);

    public void Dispose() => _nodes.Dispose();

    [Fact]
    public async Task Poison_records_are_listed_with_their_headers_page_by_page_and_a_replayed_one_is_consumed_again()
    {
        await using var node = _nodes.Node();
        using var client = await AdminTestNode.ReadyClientAsync(node);
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var third = Guid.NewGuid();
        await _nodes.ProducePoisonAsync(1, first);
        await _nodes.ProducePoisonAsync(1, second);
        await _nodes.ProducePoisonAsync(2, third);

        await Eventually.TrueAsync(
            async () => (await AdminTestNode.GetJsonAsync(client, "/admin/dead-letters")).GetProperty("items").GetArrayLength() == 3,
            AdminTestNode.Patience,
            "the three poison records are dead-lettered");
        var all = await AdminTestNode.GetJsonAsync(client, "/admin/dead-letters");
        Assert.Equal(JsonValueKind.Null, all.GetProperty("next").ValueKind);
        var entry = all.GetProperty("items")[0];
        output.WriteLine(entry.ToString());
        Assert.Equal(first.ToString("D"), entry.GetProperty("eventId").GetString());
        Assert.Equal(1, entry.GetProperty("partition").GetInt32());
        Assert.Equal(0, entry.GetProperty("offset").GetInt64());
        Assert.InRange(entry.GetProperty("timestamp").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        var headers = entry.GetProperty("headers");
        Assert.Equal(_nodes.Topic, headers.GetProperty(DeadLetterHeaders.OriginalTopic).GetString());
        Assert.Equal("1", headers.GetProperty(DeadLetterHeaders.OriginalPartition).GetString());
        Assert.Equal("0", headers.GetProperty(DeadLetterHeaders.OriginalOffset).GetString());
        Assert.Equal("DecodeFailure.UndecodableJson", headers.GetProperty(DeadLetterHeaders.ExceptionType).GetString());
        Assert.Equal("1", headers.GetProperty(DeadLetterHeaders.Attempts).GetString());

        // One record a page, following each page's next link as it is, across partitions and to the end.
        Assert.Equal([(1, 0L), (1, 1L), (2, 0L)], await FollowAsync(client, "/admin/dead-letters?limit=1", 3));
        Assert.Equal([(1, 0L), (1, 1L)], await FollowAsync(client, "/admin/dead-letters?partition=1&limit=1", 2));
        Assert.Equal([(1, 1L)], await FollowAsync(client, "/admin/dead-letters?partition=1&fromOffset=1&toOffset=1&limit=1", 1));
        Assert.Equal([(1, 1L), (2, 0L)], await FollowAsync(client, "/admin/dead-letters?after=1:0&limit=2", 1));

        await AdminTestNode.AssertInvalidAsync(await client.GetAsync("/admin/dead-letters?limit=0"), "limit");
        await AdminTestNode.AssertInvalidAsync(await client.GetAsync("/admin/dead-letters?partition=1&fromOffset=5&toOffset=2"), "toOffset");
        await AdminTestNode.AssertInvalidAsync(await client.GetAsync("/admin/dead-letters?after=one"), "after");
        await AdminTestNode.AssertInvalidAsync(await client.GetAsync("/admin/dead-letters?partition=1&after=1:0"), "after");
        await AdminTestNode.AssertInvalidAsync(await client.PostAsJsonAsync("/admin/dead-letters/replay", new { all = true, partition = 1 }), "all");
        await AdminTestNode.AssertInvalidAsync(await client.PostAsJsonAsync("/admin/dead-letters/replay", new { fromOffset = 1 }), "partition");
        using (var malformed = new StringContent("{\"all\": tru", Encoding.UTF8, "application/json"))
        {
            await AdminTestNode.AssertInvalidAsync(await client.PostAsync("/admin/dead-letters/replay", malformed), "body");
        }

        using (var wrongType = new StringContent("{\"partition\": \"one\"}", Encoding.UTF8, "application/json"))
        {
            await AdminTestNode.AssertInvalidAsync(await client.PostAsync("/admin/dead-letters/replay", wrongType), "partition");
        }

        await AdminTestNode.AssertInvalidAsync(await client.PostAsync("/admin/dead-letters/replay", content: null), "body");

        // Replay the first one: it goes back to its partition, is consumed again, and (still poison) dead-lettered again.
        using var replay = await client.PostAsJsonAsync("/admin/dead-letters/replay", new { partition = 1, fromOffset = 0, toOffset = 0 });
        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());
        await Eventually.TrueAsync(
            async () => (await AdminTestNode.GetJsonAsync(client, "/admin/dead-letters?partition=1")).GetProperty("items").GetArrayLength() == 3,
            AdminTestNode.Patience,
            "the replayed record is consumed again");
        var again = (await AdminTestNode.GetJsonAsync(client, "/admin/dead-letters?partition=1&fromOffset=2")).GetProperty("items")[0];
        Assert.Equal(first.ToString("D"), again.GetProperty("eventId").GetString());
        Assert.Equal("2", again.GetProperty("headers").GetProperty(DeadLetterHeaders.OriginalOffset).GetString());
    }

    // Reads the first page and every page its next link leads to; returns (partition, offset) of every item.
    private async Task<List<(int, long)>> FollowAsync(HttpClient client, string path, int expectedPages)
    {
        var seen = new List<(int, long)>();
        var pages = 0;
        for (string? next = path; next is not null; pages++)
        {
            Assert.True(pages < 10, $"more pages than there are records, from {path}");
            var page = await AdminTestNode.GetJsonAsync(client, next);
            output.WriteLine($"{next} -> {page}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("partition").GetInt32(), i.GetProperty("offset").GetInt64())));
            next = page.GetProperty("next").GetString();
        }

        Assert.Equal(expectedPages, pages);
        return seen;
    }
}
