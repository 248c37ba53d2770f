using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SignupEmail.UserNode.Users;

namespace SignupEmail.UserNode.Tests.Http;

/// <summary>
/// <c>Idempotency-Key</c>: a signup retried with its key after a lost answer or a 503 gets the first
/// answer again, never a second registration and never a 409.
/// </summary>
public sealed class IdempotentSignupSpec(SqliteUserNodeFixture fixture) : IClassFixture<SqliteUserNodeFixture>
{
    private const string KeyHeader = "Idempotency-Key";

    [Fact]
    public async Task A_retry_with_the_same_key_gets_the_first_answer_and_registers_once()
    {
        var email = SignupJson.UniqueEmail("Retry");
        var key = Guid.NewGuid().ToString();

        using var first = await PostAsync(fixture.Client, email, key);
        using var retry = await PostAsync(fixture.Client, email, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));
        var answer = await first.ReadJsonAsync();
        Assert.True(Guid.TryParse(answer.GetProperty("eventId").GetString(), out _), "the first answer carries the event id");
        Assert.Equal(answer.GetRawText(), (await retry.ReadJsonAsync()).GetRawText()); // the same event id too
        Assert.Equal(1, await RegistrationsOfAsync(fixture.Database, email));
    }

    [Fact]
    public async Task The_key_in_its_structured_field_form_is_the_same_key()
    {
        var email = SignupJson.UniqueEmail("Quoted");
        var key = Guid.NewGuid().ToString();

        using var first = await PostAsync(fixture.Client, email, key);
        using var retry = await PostAsync(fixture.Client, email, $"\"{key}\"");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
    }

    [Theory]
    [InlineData("another password", "김철수", "ko")]
    [InlineData(SignupJson.Password, "Someone else", "ko")]
    [InlineData(SignupJson.Password, "김철수", "en")]
    public async Task The_same_key_with_another_password_name_or_locale_is_422(string password, string name, string locale)
    {
        var email = SignupJson.UniqueEmail("Reused");
        var key = Guid.NewGuid().ToString();
        using var first = await PostAsync(fixture.Client, email, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var other = await PostAsync(fixture.Client, email, key, password, name, locale);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Contains(KeyHeader, (await other.ReadJsonAsync()).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await RegistrationsOfAsync(fixture.Database, email));
    }

    [Fact]
    public async Task Without_the_first_key_a_second_signup_is_409_whatever_its_password()
    {
        var email = SignupJson.UniqueEmail("NoKey");
        using var first = await PostAsync(fixture.Client, email, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        // A guessed key leads to the same 409 as no key: the password is only compared after the key matched.
        using var otherKey = await PostAsync(fixture.Client, email, Guid.NewGuid().ToString());
        using var noKey = await PostAsync(fixture.Client, email, key: null);

        Assert.Equal(HttpStatusCode.Conflict, otherKey.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, noKey.StatusCode);
    }

    [Fact]
    public async Task A_first_signup_without_a_key_cannot_be_replayed_by_a_key()
    {
        var email = SignupJson.UniqueEmail("KeyLater");
        using var first = await PostAsync(fixture.Client, email, key: null);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var withKey = await PostAsync(fixture.Client, email, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Conflict, withKey.StatusCode);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("has space")]
    [InlineData("ключ")]
    [InlineData("a\"b")]
    public async Task A_malformed_key_is_400_naming_the_header(string key)
    {
        using var response = await PostAsync(fixture.Client, SignupJson.UniqueEmail("BadKey"), key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([KeyHeader], await response.InvalidFieldsAsync());
    }

    [Fact]
    public async Task A_key_longer_than_128_characters_or_sent_twice_is_400()
    {
        using var tooLong = await PostAsync(fixture.Client, SignupJson.UniqueEmail("LongKey"), new string('k', 129));
        using var twice = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = SignupJson.Signup(SignupJson.UniqueEmail("TwoKeys")) };
        twice.Headers.TryAddWithoutValidation(KeyHeader, ["one", "two"]);
        using var twiceResponse = await fixture.Client.SendAsync(twice);

        Assert.Equal([KeyHeader], await tooLong.InvalidFieldsAsync());
        Assert.Equal([KeyHeader], await twiceResponse.InvalidFieldsAsync());
    }

    [Fact]
    public async Task After_the_key_lifetime_a_retry_is_409()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var database = new SqliteTestDatabase();
        await using var node = new UserNodeFactory(
            database,
            new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["UserNode:Signup:IdempotencyKeyLifetime"] = "01:00:00",
                ["UserNode:Signup:RateLimit:PermitLimit"] = "1000000",
            },
            services => services.AddSingleton<TimeProvider>(clock));
        using var client = node.CreateClient();
        var email = SignupJson.UniqueEmail("Expired");
        var key = Guid.NewGuid().ToString();
        using var first = await PostAsync(client, email, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        clock.Advance(TimeSpan.FromMinutes(59));
        using var inTime = await PostAsync(client, email, key);
        clock.Advance(TimeSpan.FromMinutes(2));
        using var late = await PostAsync(client, email, key);

        Assert.Equal(HttpStatusCode.Created, inTime.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task A_signup_answered_503_and_stored_anyway_is_201_when_retried_with_its_key()
    {
        var email = SignupJson.UniqueEmail("Timeout");
        var key = Guid.NewGuid().ToString();
        await using var database = new SqliteTestDatabase();
        HttpStatusCode firstStatus;
        await using (var impatient = new UserNodeFactory(database, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            // Shorter than the first write of a fresh node (shard allocation, recovery, insert).
            ["UserNode:Signup:AskTimeout"] = "00:00:00.001",
        }))
        {
            using var client = impatient.CreateClient();
            using var first = await PostAsync(client, email, key);
            firstStatus = first.StatusCode;

            // The entity went on and stored the registration after the answer.
            await SignupEmail.Testing.Eventually.TrueAsync(
                async () => await JournalExistsAsync(database) && await RegistrationsOfAsync(database, email) == 1,
                TimeSpan.FromSeconds(30),
                "the signup is journaled although its request got no answer in time");
        }

        await using var patient = new UserNodeFactory(database);
        using var retryClient = patient.CreateClient();
        using var retry = await PostAsync(retryClient, email, key);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, firstStatus);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(1, await RegistrationsOfAsync(database, email));
    }

    private static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, string email, string? key, string password = SignupJson.Password, string name = "김철수", string locale = "ko")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = SignupJson.Signup(email, name, locale, password) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(KeyHeader, key);
        }

        return await client.SendAsync(request);
    }

    // The node creates the journal's tables with its first write, which this test does not wait for.
    private static async Task<bool> JournalExistsAsync(SqliteTestDatabase database)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'journal'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    private static async Task<int> RegistrationsOfAsync(TestDatabase database, string email)
    {
        var persistenceId = UserEntity.PersistenceIdPrefix + UserIdentity.FromNormalizedEmail(email.ToLowerInvariant());
        var rows = await database.ReadJournalAsync();
        return rows.Count(r => r.PersistenceId == persistenceId && r.Manifest == "user-registered.v1");
    }
}
