using System.Text.Json;
using System.Text.RegularExpressions;

namespace SignupEmail.Deployment.Tests;

/// <summary>
/// The observability services of docker-compose.yml fit the nodes: Prometheus scrapes both node
/// types where they serve /metrics, the nodes send OTLP to the collector, and every metric of ours
/// the Grafana dashboard asks for is one the code emits.
/// </summary>
public sealed partial class ObservabilitySpec
{
    private static readonly ComposeFile Compose = ComposeFile.Load();
    private static readonly string[] NodeServices = ["user-node-1", "user-node-2", "email-node"];

    [Fact]
    public void Prometheus_scrapes_both_node_types_on_their_http_port()
    {
        var config = RepositoryFiles.Read(Compose.Service("prometheus").MountedFileAt("/etc/prometheus/prometheus.yml")
            ?? throw new InvalidOperationException("prometheus mounts no deploy/prometheus/prometheus.yml"));

        Assert.Contains("\"user-node-1:8080\"", config, StringComparison.Ordinal);
        Assert.Contains("\"user-node-2:8080\"", config, StringComparison.Ordinal);
        Assert.Contains("names: [\"email-node\"]", config, StringComparison.Ordinal);
        Assert.Contains("metrics_path: /metrics", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_node_sends_its_traces_to_the_collector()
    {
        var nodes = NodeServices.Select(Compose.Service).ToList();

        Assert.All(nodes, node => Assert.Equal("http://otel-collector:4317", node.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"]));
        Assert.True(Compose.Services.ContainsKey("otel-collector"));
        Assert.NotNull(Compose.Service("otel-collector").MountedFileAt("/etc/otelcol-contrib/config.yaml"));
    }

    [Fact]
    public void Every_signupemail_metric_on_the_dashboard_is_emitted_by_the_code()
    {
        var dashboard = JsonDocument.Parse(RepositoryFiles.Read("deploy/grafana/dashboards/signupemail.json"));
        var queries = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .Select(target => target.GetProperty("expr").GetString()!)
            .ToList();
        var instruments = Directory.EnumerateFiles(RepositoryFiles.PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => InstrumentName().Matches(File.ReadAllText(file)).Select(match => match.Groups["name"].Value))
            .Select(name => name.Replace('.', '_'))
            .ToHashSet(StringComparer.Ordinal);

        var used = queries.SelectMany(query => DashboardMetric().Matches(query).Select(match => match.Groups["name"].Value)).Distinct().ToList();

        Assert.NotEmpty(used);
        Assert.All(used, metric => Assert.True(
            instruments.Any(instrument => metric == instrument || metric.StartsWith(instrument + "_", StringComparison.Ordinal)),
            $"{metric} is on the dashboard, but no instrument in src/ is named like it ({string.Join(", ", instruments.Order(StringComparer.Ordinal))})"));
    }

    // "signupemail.publish.delay" in a Create… call or a constant.
    [GeneratedRegex(@"""(?<name>signupemail\.[a-z_.]+)""")]
    private static partial Regex InstrumentName();

    // Prometheus names: dots become underscores, plus _total, _seconds, _bucket.
    [GeneratedRegex(@"(?<name>signupemail_[a-z_]+)")]
    private static partial Regex DashboardMetric();
}
