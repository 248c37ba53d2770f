using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using SignupEmail.Shared.Hosting.Admin;
using SignupEmail.Testing;
using SignupEmail.UserNode.Admin;
using SignupEmail.UserNode.Tests.Http;

namespace SignupEmail.UserNode.Tests.Admin;

/// <summary>Calls a node's admin API the way <c>signupctl</c> does: with the key, reading the JSON answers.</summary>
public static class AdminCalls
{
    public const string Key = "user-node-admin-test-key";

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Settings that turn a node's admin API on with <see cref="Key"/>.</summary>
    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal) { ["UserNode:Admin:ApiKey"] = Key };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static HttpClient Client(UserNodeFactory node)
    {
        var client = node.CreateClient();
        client.DefaultRequestHeaders.Add(AdminKey.HeaderName, Key);
        return client;
    }

    public static string SelfAddress(UserNodeFactory node) =>
        Akka.Cluster.Cluster.Get(node.Services.GetRequiredService<ActorSystem>()).SelfAddress.ToString();

    public static Task<ClusterView> ClusterAsync(HttpClient client) => GetAsync<ClusterView>(client, "/admin/cluster");

    public static async Task<T> GetAsync<T>(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<T>(body, Json) ?? throw new InvalidOperationException($"GET {path} answered null.");
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "null" : text).RootElement.Clone());
    }

    /// <summary>Waits until <paramref name="client"/>'s node sees <paramref name="count"/> members, all Up.</summary>
    public static async Task AllUpAsync(HttpClient client, int count)
    {
        ClusterView? last = null;
        await Eventually.TrueAsync(
            async () => (last = await ClusterAsync(client)).Members.Count(m => m.Status == "Up") == count,
            Deadline,
            () => $"{count} members Up; last view: {Describe(last)}");
    }

    public static string Describe(ClusterView? view) => view is null
        ? "none"
        : $"self {view.Self}, leader {view.Leader}, members [{string.Join(", ", view.Members.Select(m => $"{m.Address} {m.Status}{(m.Reachable ? string.Empty : " unreachable")}"))}]";
}
