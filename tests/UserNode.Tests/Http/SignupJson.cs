using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SignupEmail.UserNode.Tests.Http;

/// <summary>Request and response helpers of the user API tests.</summary>
public static class SignupJson
{
    public const string Password = "correct horse battery";

    public static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Signup(string email, string name = "김철수", string? locale = "ko", string password = Password)
    {
        var body = new JsonObject { ["email"] = email, ["name"] = name, ["password"] = password };
        if (locale is not null)
        {
            body["locale"] = locale;
        }

        return Body(body.ToJsonString());
    }

    /// <summary>A signup with an <c>Idempotency-Key</c> header.</summary>
    public static HttpRequestMessage SignupWithKey(string email, string key, string name = "김철수", string? locale = "ko")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = Signup(email, name, locale) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    public static string UniqueEmail(string prefix = "user") => $"{prefix}.{Guid.NewGuid():N}@Example.com";

    /// <summary>An ASCII address as the API stores it: the local part as given, the domain lower-cased.</summary>
    public static string Canonical(string email)
    {
        var at = email.LastIndexOf('@');
        return string.Concat(email.AsSpan(0, at), email[at..].ToLowerInvariant());
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>The field names of a validation problem's <c>errors</c>.</summary>
    public static async Task<string[]> InvalidFieldsAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        return [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
    }
}
