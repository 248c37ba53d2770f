using System.Net;
using System.Net.Http.Json;
using SignupEmail.Testing;

namespace SignupEmail.DevHost.Tests.Telemetry;

/// <summary>After a signup, each node's <c>/metrics</c> shows its part of it in Prometheus text.</summary>
public sealed class NodeMetricsSpec(KafkaClusterFixture kafka) : IClassFixture<KafkaClusterFixture>
{
    [Fact]
    public async Task Both_nodes_scrape_endpoints_show_the_signup_publish_delivery_and_lag_instruments()
    {
        await using var nodes = await TracedNodes.StartAsync(kafka);
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(
            new Uri(nodes.UserUrl, "/api/users"),
            new { email = "metrics.me@example.com", name = "Metrics", password = "correct horse battery", locale = "ko" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        string[] userInstruments =
        [
            "signupemail_signups_total{", "signupemail_publish_delay_seconds_bucket{", "signupemail_publish_in_flight{",
            "messaging_client_sent_messages_total{",
        ];
        string[] emailInstruments =
        [
            "signupemail_records_handled_total{", "signupemail_delivery_duration_seconds_bucket{", "signupemail_delivery_circuit_state{",
            "signupemail_consumer_lag{", "service_name=\"signupemail-email-node\"",
        ];
        string user = string.Empty, email = string.Empty;
        await Eventually.TrueAsync(
            async () =>
            {
                (user, email) = (await ScrapeAsync(http, nodes.UserUrl), await ScrapeAsync(http, nodes.EmailUrl));
                return ContainsAll(user, userInstruments) && ContainsAll(email, emailInstruments);
            },
            TracedNodes.Deadline,
            () => $"every instrument on /metrics; missing on the User node: {string.Join(", ", Missing(user, userInstruments))}; " +
                $"on the Email node: {string.Join(", ", Missing(email, emailInstruments))}");

        Assert.Contains("signupemail_record_outcome=\"sent\"", email, StringComparison.Ordinal);
        Assert.Contains("signupemail_circuit_state=\"closed\"", email, StringComparison.Ordinal);
    }

    private static async Task<string> ScrapeAsync(HttpClient http, Uri node)
    {
        using var response = await http.GetAsync(new Uri(node, "/metrics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static bool ContainsAll(string scrape, string[] instruments) => !Missing(scrape, instruments).Any();

    private static IEnumerable<string> Missing(string scrape, string[] instruments) =>
        instruments.Where(instrument => !scrape.Contains(instrument, StringComparison.Ordinal));
}
