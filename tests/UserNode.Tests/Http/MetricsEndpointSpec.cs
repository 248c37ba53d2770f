using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using SignupEmail.Testing;

namespace SignupEmail.UserNode.Tests.Http;

/// <summary><c>/metrics</c>: Prometheus text with the signup counter by outcome, and off by a setting.</summary>
public sealed partial class MetricsEndpointSpec : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly string[] MovedOutcomes = ["created", "conflict", "invalid"];
    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Metrics_answers_Prometheus_text_and_the_signup_counter_moves_by_outcome()
    {
        await using var node = new UserNodeFactory(_database);
        using var client = node.CreateClient();
        var before = await ScrapeAsync(client);

        var email = SignupJson.UniqueEmail("Metrics");
        using (var created = await client.PostAsync("/api/users", SignupJson.Signup(email)))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var conflict = await client.PostAsync("/api/users", SignupJson.Signup(email)))
        {
            Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        }

        using (var invalid = await client.PostAsync("/api/users", SignupJson.Body("""{"email":"not an address"}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }

        // Other tests of this process sign up too: the counts only have to move, by these outcomes.
        // The exporter caches a scrape for a moment, hence the polling.
        await Eventually.TrueAsync(
            async () =>
            {
                var after = await ScrapeAsync(client);
                return MovedOutcomes.All(outcome => Signups(after, outcome) > Signups(before, outcome));
            },
            Deadline,
            "signupemail_signups_total moved for created, conflict and invalid");

        using var response = await client.GetAsync("/metrics");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE signupemail_signups_total counter", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("service_name=\"signupemail-user-node\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_setting_turns_metrics_off()
    {
        await using var node = new UserNodeFactory(_database, new Dictionary<string, string?> { ["UserNode:Telemetry:PrometheusEndpoint"] = "false" });
        using var client = node.CreateClient();

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static double Signups(string scrape, string outcome) =>
        SignupsLine().Matches(scrape)
            .Where(match => match.Groups["labels"].Value.Contains($"signupemail_signup_outcome=\"{outcome}\"", StringComparison.Ordinal))
            .Sum(match => double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^signupemail_signups_total\{(?<labels>[^}]*)\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex SignupsLine();
}
