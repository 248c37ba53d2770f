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

    [Fact]
    public async Task The_newest_dead_letters_are_listed_across_partitions_newest_first()
    {
        await using var node = _nodes.Node();
        using var client = await AdminTestNode.ReadyClientAsync(node);

        // One at a time, each dead-lettered before the next is produced: the order they were written in is known.
        var written = new List<Guid>();
        foreach (var partition in new[] { 2, 0, 1, 0 })
        {
            var eventId = Guid.NewGuid();
            await _nodes.ProducePoisonAsync(partition, eventId);
            written.Add(eventId);
            await Eventually.TrueAsync(
                async () => (await AdminTestNode.GetJsonAsync(client, "/admin/dead-letters")).GetProperty("items").GetArrayLength() == written.Count,
                AdminTestNode.Patience,
                $"poison record {written.Count} is dead-lettered");
        }

        var newest = await AdminTestNode.GetJsonAsync(client, "/admin/dead-letters?newest=3");
        output.WriteLine(newest.ToString());
        Assert.Equal(JsonValueKind.Null, newest.GetProperty("next").ValueKind);
        var items = newest.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([written[3], written[2], written[1]], items.Select(i => i.GetProperty("eventId").GetGuid()));
        Assert.Equal([(0, 1L), (1, 0L), (0, 0L)], items.Select(i => (i.GetProperty("partition").GetInt32(), i.GetProperty("offset").GetInt64())));
        Assert.Equal("DecodeFailure.UndecodableJson", items[0].GetProperty("headers").GetProperty(DeadLetterHeaders.ExceptionType).GetString());

        var all = (await AdminTestNode.GetJsonAsync(client, "/admin/dead-letters?newest=100")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Reverse(written), all.Select(i => i.GetProperty("eventId").GetGuid()));
        var timestamps = all.Select(i => i.GetProperty("timestamp").GetDateTimeOffset()).ToList();
        Assert.Equal(timestamps.OrderDescending(), timestamps);

        foreach (var bad in new[] { "newest=0", "newest=101", "newest=many", "newest=3&partition=0", "newest=3&fromOffset=0", "newest=3&toOffset=1", "newest=3&after=0:0", "newest=3&limit=5" })
        {
            await AdminTestNode.AssertInvalidAsync(await client.GetAsync($"/admin/dead-letters?{bad}"), "newest");
        }
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
