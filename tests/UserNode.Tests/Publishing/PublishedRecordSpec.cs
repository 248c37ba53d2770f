using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using SignupEmail.Shared.Contracts;
using SignupEmail.Testing;
using SignupEmail.UserNode.Tests.Http;
using SignupEmail.UserNode.Users;

namespace SignupEmail.UserNode.Tests.Publishing;

/// <summary>What a plain Kafka client sees of a signup: key, CloudEvents headers, traceparent, v1 JSON, and no secret.</summary>
[Collection(PublishingCollection.Name)]
public sealed class PublishedRecordSpec(KafkaClusterFixture kafka) : IAsyncLifetime
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private readonly SqliteTestDatabase _database = new();
    private readonly ActivityListener _tracing = new()
    {
        // What OpenTelemetry does in production: ASP.NET Core then continues the caller's trace.
        ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
    };

    public Task InitializeAsync()
    {
        ActivitySource.AddActivityListener(_tracing);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _tracing.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_plain_consumer_reads_the_record_with_all_headers_and_no_password_or_hash()
    {
        var topic = kafka.CreateUniqueTopic("signed-up");
        await using var reader = new SignedUpTopicReader(kafka.BootstrapServers, topic);
        await using var node = PublishingNode.Start(_database, kafka.BootstrapServers, topic);
        using var client = node.CreateClient();

        var email = SignupJson.UniqueEmail("Record");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = SignupJson.Signup(email, name: "김철수", locale: "en") };
        request.Headers.Add("traceparent", TraceParent);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        await Eventually.TrueAsync(() => reader.Records.Count >= 1, PublishingNode.Deadline, "the signup is published");
        var record = Assert.Single(reader.Records);
        var journaled = JsonDocument.Parse(Assert.Single(await _database.ReadJournalAsync(), r => r.Manifest == "user-registered.v1").Payload).RootElement;
        var userId = UserIdentity.FromNormalizedEmail(email.ToLowerInvariant());
        var eventId = journaled.GetProperty("eventId").GetGuid();

        Assert.Equal(userId, Encoding.UTF8.GetString(record.Message.Key));
        Assert.Equal("1.0", SignedUpTopicReader.Header(record, CloudEventHeaders.SpecVersion));
        Assert.Equal(eventId.ToString("D"), SignedUpTopicReader.Header(record, CloudEventHeaders.Id));
        Assert.Equal(UserSignedUp.CloudEventType, SignedUpTopicReader.Header(record, CloudEventHeaders.Type));
        Assert.Equal("/signupemail/user-node", SignedUpTopicReader.Header(record, CloudEventHeaders.Source));
        Assert.Equal(journaled.GetProperty("registeredAt").GetDateTimeOffset(), DateTimeOffset.Parse(SignedUpTopicReader.Header(record, CloudEventHeaders.Time)!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ContractJson.ContentType, SignedUpTopicReader.Header(record, CloudEventHeaders.ContentType));
        var traceParent = SignedUpTopicReader.Header(record, CloudEventHeaders.TraceParent);
        Assert.NotNull(traceParent);
        Assert.Equal(TraceParent.Split('-')[1], traceParent.Split('-')[1]); // same trace, the node's own span

        var value = JsonDocument.Parse(record.Message.Value).RootElement;
        Assert.Equal(1, value.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(eventId, value.GetProperty("eventId").GetGuid());
        Assert.Equal(userId, value.GetProperty("userId").GetString());
        Assert.Equal(SignupJson.Canonical(email), value.GetProperty("email").GetString()); // the domain lower-cased
        Assert.Equal("김철수", value.GetProperty("name").GetString());
        Assert.Equal("en", value.GetProperty("locale").GetString());
        Assert.True(value.TryGetProperty("occurredAt", out _));
        Assert.Equal(
            ["email", "eventId", "locale", "name", "occurredAt", "schemaVersion", "userId"],
            value.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        var hash = journaled.GetProperty("passwordHash").GetString()!;
        Assert.False(string.IsNullOrEmpty(hash));
        var everything = new List<byte[]> { record.Message.Key, record.Message.Value };
        everything.AddRange(record.Message.Headers.Select(h => h.GetValueBytes()));
        everything.AddRange(record.Message.Headers.Select(h => Encoding.UTF8.GetBytes(h.Key)));
        foreach (var bytes in everything)
        {
            var text = Encoding.UTF8.GetString(bytes);
            Assert.DoesNotContain(SignupJson.Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(hash, text, StringComparison.Ordinal);
            Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
