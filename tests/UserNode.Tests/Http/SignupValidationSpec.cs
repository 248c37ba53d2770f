using System.Net;
using System.Text;

namespace SignupEmail.UserNode.Tests.Http;

/// <summary>Every input rule of <c>POST /api/users</c>: bad input is a 4xx problem, never a 500 or a hang.</summary>
public sealed class SignupValidationSpec(SqliteUserNodeFixture fixture) : IClassFixture<SqliteUserNodeFixture>
{
    private HttpClient Client => fixture.Client;

    public static TheoryData<string, string> InvalidBodies()
    {
        static string Body(string email = "\"ok@example.com\"", string name = "\"Kim\"", string password = "\"password1\"", string? locale = null) =>
            $"{{\"email\":{email},\"name\":{name},\"password\":{password}{(locale is null ? string.Empty : $",\"locale\":{locale}")}}}";

        return new TheoryData<string, string>
        {
            // email
            { Body(email: "null"), "email" },
            { "{\"name\":\"Kim\",\"password\":\"password1\"}", "email" },
            { Body(email: "\"   \""), "email" },
            { Body(email: $"\"{new string('a', 64)}@{new string('b', 63)}.{new string('b', 63)}.{new string('b', 58)}.com\""), "email" }, // 255 characters
            { Body(email: "\"no-at-sign.example.com\""), "email" },
            { Body(email: "\"two@at@example.com\""), "email" },
            { Body(email: "\"@example.com\""), "email" },
            { Body(email: "\"kim@\""), "email" },
            { Body(email: "\"Kim Lee <kim@example.com>\""), "email" },
            { Body(email: "\"<kim@example.com>\""), "email" },
            { Body(email: "\"\\\"kim\\\"@example.com\""), "email" },
            { Body(email: "\"kim lee@example.com\""), "email" },
            { Body(email: "\"kim\\u0000@example.com\""), "email" },
            { Body(email: "\"kim@exa\\nmple.com\""), "email" },
            { Body(email: $"\"{new string('a', 65)}@example.com\""), "email" },
            { Body(email: "\"kim@example..com\""), "email" },
            // local parts and domains that MailKit or DNS refuse (issue #14: a 201 that never became an e-mail)
            { Body(email: "\".kim@example.com\""), "email" },
            { Body(email: "\"kim.@example.com\""), "email" },
            { Body(email: "\"kim..lee@example.com\""), "email" },
            { Body(email: "\"kim@example.com.\""), "email" },
            { Body(email: "\"kim@-example.com\""), "email" },
            { Body(email: "\"kim@exa_mple.com\""), "email" },
            { Body(email: "\"kim@xn--zz.com\""), "email" },
            { Body(email: "\"kim\u00a9@example.com\""), "email" }, // a symbol, not a letter
            { Body(email: "\"kim\\ud800@example.com\""), "email" }, // a lone surrogate
            { Body(email: "42"), "email" },
            // name
            { Body(name: "null"), "name" },
            { Body(name: "\"\""), "name" },
            { Body(name: "\"   \""), "name" },
            { Body(name: $"\"{new string('가', 101)}\""), "name" },
            { Body(name: "\"Kim\\r\\nBcc: x@example.com\""), "name" },
            { Body(name: "\"Kim\\u0007\""), "name" },
            { Body(name: "\"Kim\\u2028Lee\""), "name" },
            { Body(name: "\"\\ud800\""), "name" },
            { Body(name: "[\"Kim\"]"), "name" },
            // password
            { Body(password: "null"), "password" },
            { Body(password: "\"seven77\""), "password" },
            { Body(password: $"\"{new string('p', 129)}\""), "password" },
            { Body(password: "12345678"), "password" },
            // locale
            { Body(locale: "\"fr\""), "locale" },
            { Body(locale: "\"\""), "locale" },
            { Body(locale: "\"ko-KR\""), "locale" },
            { Body(locale: "1"), "locale" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Each_rule_violation_is_a_400_naming_the_field(string json, string field)
    {
        using var response = await Client.PostAsync("/api/users", SignupJson.Body(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.InvalidFieldsAsync());
    }

    // 189 characters in labels of at most 63, as DNS allows.
    private static readonly string LongDomain = $"{new string('b', 63)}.{new string('b', 63)}.{new string('b', 57)}.com";

    // {U} becomes 8 unique characters, so every run registers new addresses.
    public static TheoryData<string, string, string> ValidBodies() => new()
    {
        // name at its limits: 1 and 100 user-perceived characters, any script
        { "{\"email\":\"{U}@b\",\"name\":\"K\",\"password\":\"password\"}", "name", "K" },
        { $"{{\"email\":\"{{U}}@b\",\"name\":\"{new string('가', 100)}\",\"password\":\"password\"}}", "name", new string('가', 100) },
        { "{\"email\":\"{U}@b\",\"name\":\"👩‍👩‍👧‍👦\",\"password\":\"password\"}", "name", "👩‍👩‍👧‍👦" },
        // email at 254 characters (local part at 64), and trimmed
        { $"{{\"email\":\"{{U}}{new string('a', 56)}@{LongDomain}\",\"name\":\"K\",\"password\":\"password\"}}", "email", $"{{U}}{new string('a', 56)}@{LongDomain}" },
        { "{\"email\":\"\\t Kim{U}@Example.com \",\"name\":\"K\",\"password\":\"password\"}", "email", "Kim{U}@example.com" },
        // password at 128 characters, not trimmed; field names case-insensitive
        { $"{{\"EMAIL\":\"{{U}}@b\",\"Name\":\"K\",\"password\":\" {new string('p', 126)} \"}}", "email", "{U}@b" },
        { "{\"email\":\"{U}@b\",\"name\":\"K\",\"password\":\"password\",\"locale\":\" EN \"}", "locale", "en" },
    };

    [Theory]
    [MemberData(nameof(ValidBodies))]
    public async Task Values_at_the_limits_are_accepted(string jsonTemplate, string field, string expected)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];

        using var response = await Client.PostAsync("/api/users", SignupJson.Body(jsonTemplate.Replace("{U}", unique, StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(expected.Replace("{U}", unique, StringComparison.Ordinal), (await response.ReadJsonAsync()).GetProperty(field).GetString());
    }

    [Theory]
    [InlineData("例え.jp", "xn--r8jz45g.jp")]
    [InlineData("xn--r8jz45g.jp", "例え.jp")]
    [InlineData("ＥＸＡＭＰＬＥ.com", "example.com")]
    public async Task Two_spellings_of_one_domain_are_one_account_stored_as_the_lower_case_a_label(string first, string second)
    {
        var local = $"idn.{Guid.NewGuid():N}";

        using var created = await Client.PostAsync("/api/users", SignupJson.Signup($"{local}@{first}"));
        using var again = await Client.PostAsync("/api/users", SignupJson.Signup($"{local}@{second}"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var stored = (await created.ReadJsonAsync()).GetProperty("email").GetString();
        Assert.Equal($"{local}@{new System.Globalization.IdnMapping().GetAscii(first).ToLowerInvariant()}", stored);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Every_invalid_field_is_named_at_once()
    {
        using var response = await Client.PostAsync(
            "/api/users",
            SignupJson.Body("{\"email\":\"a b\",\"name\":\"\",\"password\":7,\"locale\":\"fr\"}"));

        Assert.Equal(["email", "locale", "name", "password"], await response.InvalidFieldsAsync());
    }

    [Theory]
    [InlineData("{\"email\":", "body")]
    [InlineData("not json at all", "body")]
    [InlineData("", "body")]
    [InlineData("[1,2]", "body")]
    [InlineData("\"a string\"", "body")]
    [InlineData("{\"email\":\"a@b\",}", "body")]
    public async Task Malformed_json_is_a_400_problem(string json, string field)
    {
        using var response = await Client.PostAsync("/api/users", SignupJson.Body(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.InvalidFieldsAsync());
    }

    [Theory]
    [InlineData("text/plain", null)]
    [InlineData("application/x-www-form-urlencoded", null)]
    [InlineData("application/json", "iso-8859-1")]
    [InlineData(null, null)]
    public async Task A_body_that_is_not_utf8_json_is_a_415_problem_naming_the_content_type(string? mediaType, string? charset)
    {
        using var content = new ByteArrayContent("{\"email\":\"a@b\",\"name\":\"K\",\"password\":\"password\"}"u8.ToArray());
        content.Headers.ContentType = mediaType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType) { CharSet = charset };

        using var response = await Client.PostAsync("/api/users", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(415, problem.GetProperty("status").GetInt32());
        Assert.Equal(["Content-Type"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_request_without_a_body_or_content_type_is_a_problem_not_a_500()
    {
        using var response = await Client.PostAsync("/api/users", content: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // chunked: no Content-Length to reject up front
    public async Task A_17_KiB_body_is_a_400_problem(bool withContentLength)
    {
        var padding = new string('x', 17 * 1024);
        var json = $"{{\"email\":\"big@example.com\",\"name\":\"K\",\"password\":\"password\",\"padding\":\"{padding}\"}}";
        HttpContent content = withContentLength
            ? SignupJson.Body(json)
            : new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (!withContentLength)
        {
            content.Headers.ContentLength = null;
        }

        using var response = await Client.PostAsync("/api/users", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["body"], await response.InvalidFieldsAsync());
        content.Dispose();
    }

    [Theory]
    [InlineData(null, "ko")]
    [InlineData("en-US,en;q=0.9", "en")]
    [InlineData("fr-FR, en;q=0.5, ko;q=0.8", "ko")]
    [InlineData("fr, de", "ko")]
    [InlineData("ko;q=0, en;q=0.1", "en")]
    public async Task Without_a_locale_the_accept_language_header_decides_else_ko(string? acceptLanguage, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users")
        {
            Content = SignupJson.Signup(SignupJson.UniqueEmail("lang"), locale: null),
        };
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(expected, (await response.ReadJsonAsync()).GetProperty("locale").GetString());
    }

    [Fact]
    public async Task An_explicit_locale_wins_over_accept_language()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users")
        {
            Content = SignupJson.Signup(SignupJson.UniqueEmail("lang"), locale: "ko"),
        };
        request.Headers.TryAddWithoutValidation("Accept-Language", "en");

        using var response = await Client.SendAsync(request);

        Assert.Equal("ko", (await response.ReadJsonAsync()).GetProperty("locale").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_user_api()
    {
        using var response = await Client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.ReadJsonAsync();
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/users", out var post));
        Assert.True(post.TryGetProperty("post", out var register));
        var body = register.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        Assert.True(body.TryGetProperty("schema", out _), "the signup body is documented");
        var key = Assert.Single(register.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.Equal("header", key.GetProperty("in").GetString());
        Assert.False(key.TryGetProperty("required", out var required) && required.GetBoolean(), "the key is optional");
        var responses = register.GetProperty("responses");
        Assert.True(responses.TryGetProperty("422", out _), "the reused-key answer is documented");
        Assert.True(responses.TryGetProperty("415", out _), "the wrong-content-type answer is documented (and given: see above)");
        var profile = document.GetProperty("components").GetProperty("schemas").GetProperty("UserProfileResponse");
        Assert.True(profile.GetProperty("properties").TryGetProperty("eventId", out _), "the 201 names the event, so the user can find the e-mail");
        Assert.False(paths.TryGetProperty("/api/users/{userId}", out _), "no read of a user by id");
    }
}
