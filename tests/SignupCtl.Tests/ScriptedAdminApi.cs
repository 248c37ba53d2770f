using System.Net;
using System.Text;

namespace SignupEmail.SignupCtl.Tests;

/// <summary>
/// A collaborator fake of both nodes' admin API: answers each <c>METHOD path?query</c> it was given
/// with a status and a body, answers 404 to anything else, and keeps every request it received.
/// </summary>
internal sealed class ScriptedAdminApi : HttpMessageHandler
{
    private readonly Dictionary<string, (HttpStatusCode Status, string Body, string MediaType)> _answers = [];
    private readonly List<ReceivedRequest> _received = [];

    private readonly Lock _gate = new();

    public IReadOnlyList<ReceivedRequest> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Answers <c>GET</c> of <paramref name="pathAndQuery"/> (e.g. <c>/admin/cluster</c>) with JSON.</summary>
    public ScriptedAdminApi Get(string pathAndQuery, string json, HttpStatusCode status = HttpStatusCode.OK) =>
        Answer("GET", pathAndQuery, status, json, "application/json");

    public ScriptedAdminApi Post(string path, string json, HttpStatusCode status = HttpStatusCode.OK) =>
        Answer("POST", path, status, json, "application/json");

    /// <summary>Answers with an RFC 7807 problem.</summary>
    public ScriptedAdminApi Problem(string method, string pathAndQuery, HttpStatusCode status, string problemJson) =>
        Answer(method, pathAndQuery, status, problemJson, "application/problem+json");

    public ScriptedAdminApi Answer(string method, string pathAndQuery, HttpStatusCode status, string body, string mediaType)
    {
        _answers[$"{method} {pathAndQuery}"] = (status, body, mediaType);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var key = request.Headers.TryGetValues("X-Admin-Key", out var keys) ? keys.Single() : null;
        lock (_gate)
        {
            _received.Add(new ReceivedRequest(request.Method.Method, request.RequestUri!, key, body));
        }

        if (!_answers.TryGetValue($"{request.Method.Method} {request.RequestUri!.PathAndQuery}", out var answer))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        return new HttpResponseMessage(answer.Status)
        {
            Content = new StringContent(answer.Body, Encoding.UTF8, answer.MediaType),
        };
    }
}

/// <summary>A request <see cref="ScriptedAdminApi"/> received.</summary>
internal sealed record ReceivedRequest(string Method, Uri Uri, string? AdminKey, string? Body);
