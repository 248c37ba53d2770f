using Microsoft.Extensions.Options;
using SignupEmail.Dashboard.Configuration;
using SignupEmail.Dashboard.Sources;

namespace SignupEmail.Dashboard.Actions;

/// <summary>The calls that change an Email node: its delivery delay, and replaying dead letters.</summary>
internal sealed class EmailNodeCommands(HttpClient http, IOptions<DashboardOptions> options)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);
    private readonly DashboardOptions _options = options.Value;

    /// <summary>Sets the delay on every Email node; the failures, one per node that did not take it.</summary>
    public async Task<IReadOnlyList<SourceError>> SetDeliveryDelayAsync(int milliseconds, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(_options.EmailNodeUrls.Select(async url =>
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(CommandTimeout);
                using var response = await http.PutAsJsonAsync(
                    NodeUrl.Combine(url, "/admin/delivery/delay"), new { milliseconds }, timeout.Token);
                return response.IsSuccessStatusCode
                    ? null
                    : new SourceError($"{NodeReader.EmailNode} {url}", $"PUT /admin/delivery/delay answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                return new SourceError($"{NodeReader.EmailNode} {url}", $"PUT /admin/delivery/delay failed: {ex.Message}");
            }
        }));
        return [.. results.OfType<SourceError>()];
    }

    /// <summary>Forwards a replay selection to the first Email node and returns its answer as it is.</summary>
    public async Task<(int Status, string ContentType, string Body)> ReplayAsync(string jsonBody, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        using var content = new StringContent(jsonBody, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(NodeUrl.Combine(_options.EmailNodeUrls[0], "/admin/dead-letters/replay"), content, timeout.Token);
        var body = await response.Content.ReadAsStringAsync(timeout.Token);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "application/json", body);
    }
}
