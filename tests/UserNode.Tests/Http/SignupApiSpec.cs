using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Tests.Http;

/// <summary>The user API against a real node and database; runs once on SQLite and once on PostgreSQL.</summary>
public abstract class SignupApiSpec(UserNodeFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Signup_answers_201_with_the_profile_and_event_id_and_the_korean_name_round_trips()
    {
        var email = SignupJson.UniqueEmail("Kim");

        using var created = await Client.PostAsync("/api/users", SignupJson.Signup($"  {email} ", name: "  김철수 🌸 "));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var profile = await created.ReadJsonAsync();
        var userId = profile.GetProperty("userId").GetString();
        Assert.Null(created.Headers.Location); // nothing to read back: there is no GET of a user
        Assert.Equal(SignupEmail.UserNode.Users.UserIdentity.FromNormalizedEmail(email.ToLowerInvariant()), userId);
        Assert.Equal(SignupJson.Canonical(email), profile.GetProperty("email").GetString()); // trimmed, domain lower-cased
        var eventId = Guid.Parse(profile.GetProperty("eventId").GetString()!);
        Assert.Equal("김철수 🌸", profile.GetProperty("name").GetString());
        Assert.Equal("ko", profile.GetProperty("locale").GetString());
        Assert.True(profile.GetProperty("registeredAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.False(profile.TryGetProperty("password", out _));
        Assert.False(profile.TryGetProperty("passwordHash", out _));

        var row = Assert.Single(await fixture.Database.ReadJournalAsync(), r => r.PersistenceId == $"user-{userId}");
        Assert.Equal(eventId, JsonSerializer.Deserialize<JsonElement>(row.Payload).GetProperty("eventId").GetGuid()); // the .eml's name
    }

    [Fact]
    public async Task There_is_no_endpoint_that_reads_a_user_by_id()
    {
        var email = SignupJson.UniqueEmail("Private");
        using var created = await Client.PostAsync("/api/users", SignupJson.Signup(email));
        var userId = (await created.ReadJsonAsync()).GetProperty("userId").GetString();

        // The id is derived from the address: a read by id would tell anyone who knows an address
        // that it is registered, and whose name it carries.
        using var read = await Client.GetAsync($"/api/users/{userId}");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.DoesNotContain("김철수", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_signup_of_the_address_in_any_case_is_409()
    {
        var email = SignupJson.UniqueEmail("Dup");
        using var first = await Client.PostAsync("/api/users", SignupJson.Signup(email));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var second = await Client.PostAsync("/api/users", SignupJson.Signup(email.ToUpperInvariant(), name: "Other"));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(409, (await second.ReadJsonAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Fifty_concurrent_signups_of_one_address_give_exactly_one_201_and_49_409()
    {
        var email = SignupJson.UniqueEmail("Race");
        var requests = Enumerable.Range(0, 50).Select(async i =>
        {
            // Mixed case: the entity is keyed by the normalized address.
            using var response = await Client.PostAsync("/api/users", SignupJson.Signup(i % 2 == 0 ? email : email.ToLowerInvariant()));
            return response.StatusCode;
        });

        var statuses = await Task.WhenAll(requests);

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(49, statuses.Count(s => s == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Users_survive_a_restart_of_the_node()
    {
        var email = SignupJson.UniqueEmail("Restart");
        const string key = "restart-retry";
        string first;
        await using (var node = new UserNodeFactory(fixture.Database))
        {
            using var client = node.CreateClient();
            using var request = SignupJson.SignupWithKey(email, key, name: "박지성", locale: "en");
            using var created = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            first = (await created.ReadJsonAsync()).GetRawText();
        }

        await using (var restarted = new UserNodeFactory(fixture.Database))
        {
            using var client = restarted.CreateClient();

            // The same signup again is answered from the recovered entity: name, locale, event id and all.
            using var request = SignupJson.SignupWithKey(email, key, name: "박지성", locale: "en");
            using var replayed = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
            Assert.Equal(first, (await replayed.ReadJsonAsync()).GetRawText());

            using var again = await client.PostAsync("/api/users", SignupJson.Signup(email));
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }
    }

    [Fact]
    public async Task The_journal_holds_an_untagged_versioned_event_with_a_verifiable_hash_and_never_the_password()
    {
        var email = SignupJson.UniqueEmail("Hash");
        using var created = await Client.PostAsync("/api/users", SignupJson.Signup(email));
        var userId = (await created.ReadJsonAsync()).GetProperty("userId").GetString();

        var row = Assert.Single(await fixture.Database.ReadJournalAsync(), r => r.PersistenceId == $"user-{userId}");

        Assert.Equal("user-registered.v1", row.Manifest);
        // Nothing reads tags (the publisher reads by ordering): no tag table is created or written.
        Assert.False(await fixture.Database.HasTableAsync("tags"), "the journal created a tags table");
        var json = Encoding.UTF8.GetString(row.Payload);
        Assert.DoesNotContain(SignupJson.Password, json, StringComparison.Ordinal);
        var stored = JsonSerializer.Deserialize<JsonElement>(json);
        Assert.Equal(email.ToLowerInvariant(), stored.GetProperty("normalizedEmail").GetString());
        Assert.StartsWith("00-", stored.GetProperty("traceParent").GetString(), StringComparison.Ordinal);
        var hash = stored.GetProperty("passwordHash").GetString()!;
        Assert.Equal(UserNodeFactory.LoweredHashIterations, IterationsOf(hash));
        var verifier = new PasswordHasher<UserProfile>();
        Assert.NotEqual(PasswordVerificationResult.Failed, verifier.VerifyHashedPassword(null!, hash, SignupJson.Password));
        Assert.Equal(PasswordVerificationResult.Failed, verifier.VerifyHashedPassword(null!, hash, "wrong password"));
    }

    [Fact]
    public async Task With_the_real_hashing_cost_the_stored_hash_verifies_with_identitys_hasher()
    {
        await using var node = new UserNodeFactory(
            fixture.Database,
            new Dictionary<string, string?> { ["UserNode:Signup:PasswordHashIterations"] = "100000" });
        using var client = node.CreateClient();
        var email = SignupJson.UniqueEmail("RealHash");
        using var created = await client.PostAsync("/api/users", SignupJson.Signup(email));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var userId = (await created.ReadJsonAsync()).GetProperty("userId").GetString();

        var row = Assert.Single(await fixture.Database.ReadJournalAsync(), r => r.PersistenceId == $"user-{userId}");
        var hash = JsonSerializer.Deserialize<JsonElement>(row.Payload).GetProperty("passwordHash").GetString()!;

        Assert.Equal(100_000, IterationsOf(hash));
        Assert.Equal(
            PasswordVerificationResult.Success,
            new PasswordHasher<UserProfile>().VerifyHashedPassword(null!, hash, SignupJson.Password));
    }

    [Fact]
    public async Task Logs_mask_addresses_and_never_show_passwords_or_hashes()
    {
        var email = SignupJson.UniqueEmail("Logged");
        using (await Client.PostAsync("/api/users", SignupJson.Signup(email)))
        using (await Client.PostAsync("/api/users", SignupJson.Signup(email)))
        {
        }

        var rows = await fixture.Database.ReadJournalAsync();
        var hash = rows.Select(r => JsonSerializer.Deserialize<JsonElement>(r.Payload))
            .Single(e => string.Equals(e.GetProperty("normalizedEmail").GetString(), email, StringComparison.OrdinalIgnoreCase))
            .GetProperty("passwordHash").GetString()!;
        var logs = fixture.Node.Logs.Lines;

        Assert.Contains(logs, l => l.Contains("L***@example.com", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(email, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(logs, l => l.Contains(SignupJson.Password, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(hash, StringComparison.Ordinal));
    }

    /// <summary>PBKDF2 iteration count stored in an Identity V3 hash (big-endian at byte 5).</summary>
    private static int IterationsOf(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8];
    }
}

public sealed class SqliteSignupApiSpec(SqliteUserNodeFixture fixture) : SignupApiSpec(fixture), IClassFixture<SqliteUserNodeFixture>;

public sealed class PostgresSignupApiSpec(PostgresUserNodeFixture fixture) : SignupApiSpec(fixture), IClassFixture<PostgresUserNodeFixture>;
