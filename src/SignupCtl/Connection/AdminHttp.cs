using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SignupEmail.SignupCtl.Connection;

/// <summary>
/// Calls one node's admin API and turns every way a call can go wrong into a
/// <see cref="SignupCtlFailure"/> that says, in one line, what happened and what to fix.
/// </summary>
internal sealed class AdminHttp(HttpClient http, NodeEndpoint endpoint)
{
    private const string KeyHeader = "X-Admin-Key";

    public NodeEndpoint Endpoint => endpoint;

    public Task<AdminAnswer<T>> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, Relative(path)), cancellationToken);

    public Task<AdminAnswer<T>> PostAsync<T>(string path, object body, CancellationToken cancellationToken) =>
        SendAsync<T>(
            new HttpRequestMessage(HttpMethod.Post, Relative(path)) { Content = JsonContent.Create(body, body.GetType(), options: AdminJson.Options) },
            cancellationToken);

    private async Task<AdminAnswer<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            request.Headers.Add(KeyHeader, endpoint.Key);
            using var response = await CallAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw Refused(response.StatusCode, body, request.RequestUri!);
            }

            try
            {
                var value = JsonSerializer.Deserialize<T>(body, AdminJson.Options)
                    ?? throw new JsonException("the answer is JSON null");
                return new(value, body);
            }
            catch (JsonException ex)
            {
                throw SignupCtlFailure.Failed(
                    $"the {endpoint.Kind.Name} at {endpoint.Url} answered {request.RequestUri} with JSON signupctl does not understand ({ex.Message}).");
            }
        }
    }

    private async Task<HttpResponseMessage> CallAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var kind = endpoint.Kind;
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw SignupCtlFailure.Usage(
                $"cannot reach the {kind.Name} at {endpoint.Url} ({ex.Message}); is it running? Set {kind.UrlFlag} or {kind.UrlVariable}.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw SignupCtlFailure.Usage(
                $"the {kind.Name} at {endpoint.Url} did not answer within {http.Timeout.TotalSeconds:0} s.");
        }
    }

    private SignupCtlFailure Refused(HttpStatusCode status, string body, Uri path)
    {
        var kind = endpoint.Kind;
        if (status == HttpStatusCode.Unauthorized)
        {
            return SignupCtlFailure.Usage(
                $"the admin key was refused by {endpoint.Url} (401); set {NodeKind.KeyFlag} or {NodeKind.KeyVariable}.");
        }

        if (ProblemDetails.TryRead(body) is { } problem)
        {
            return SignupCtlFailure.Failed(problem.OneLine());
        }

        // The admin API answers 404 without a body for every route when the node has no key configured.
        return status == HttpStatusCode.NotFound
            ? SignupCtlFailure.Usage(
                $"{endpoint.Url} has no admin API here (404 for {path}): is it the {kind.Name}, with {kind.KeySetting} set?")
            : SignupCtlFailure.Failed($"the {kind.Name} at {endpoint.Url} answered {path} with {(int)status} {status}.");
    }

    private static Uri Relative(string path) => new(path.TrimStart('/'), UriKind.Relative);
}
