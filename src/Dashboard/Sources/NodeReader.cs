using System.Text.Json;
using Microsoft.Extensions.Options;
using SignupEmail.Dashboard.Configuration;

namespace SignupEmail.Dashboard.Sources;

/// <summary>
/// Reads one route of a node's admin API or <c>/metrics</c>, bounded by <see cref="DashboardOptions.ReadTimeout"/>,
/// and never throws for a node that is down, slow or wrong: the failure comes back as a <see cref="SourceError"/>.
/// The typed client's <see cref="HttpClient"/> sends the admin key on every request.
/// </summary>
internal sealed class NodeReader(HttpClient http, IOptions<DashboardOptions> options)
{
    public const string UserNode = "user-node";
    public const string EmailNode = "email-node";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TimeSpan _timeout = options.Value.ReadTimeout;

    public Task<SourceRead<T>> GetJsonAsync<T>(string node, string baseUrl, string path, CancellationToken cancellationToken)
        where T : class =>
        ReadAsync(node, baseUrl, path, async (content, token) =>
            await content.ReadFromJsonAsync<T>(Json, token) ?? throw new JsonException("the answer was empty"), cancellationToken);

    public Task<SourceRead<string>> GetTextAsync(string node, string baseUrl, string path, CancellationToken cancellationToken) =>
        ReadAsync(node, baseUrl, path, (content, token) => content.ReadAsStringAsync(token), cancellationToken);

    private async Task<SourceRead<T>> ReadAsync<T>(
        string node, string baseUrl, string path, Func<HttpContent, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : class
    {
        var source = $"{node} {baseUrl}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var response = await http.GetAsync(NodeUrl.Combine(baseUrl, path), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return SourceRead<T>.Failed(source, $"GET {path} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            return SourceRead<T>.Ok(await read(response.Content, timeout.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SourceRead<T>.Failed(source, $"GET {path} timed out after {_timeout.TotalSeconds:0.#} s");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or NotSupportedException)
        {
            return SourceRead<T>.Failed(source, $"GET {path} failed: {ex.Message}");
        }
    }
}
