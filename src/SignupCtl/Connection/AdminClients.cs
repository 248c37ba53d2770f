namespace SignupEmail.SignupCtl.Connection;

/// <summary>
/// Makes the client of the node a command talks to, from the command's flags and the environment,
/// over one HTTP handler (the network in a real run, a fake in the table tests).
/// </summary>
internal sealed class AdminClients(HttpMessageHandler handler, EnvironmentVariables environment) : IDisposable
{
    /// <summary>How long one call may take: admin calls answer within the node's own 10 s request timeout, or 503.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly List<HttpClient> _clients = [];

    public UserNodeClient User(AdminCommandSettings settings) => new(Http(NodeKind.User, settings.UserNode, settings));

    public EmailNodeClient Email(AdminCommandSettings settings) => new(Http(NodeKind.Email, settings.EmailNode, settings));

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private AdminHttp Http(NodeKind kind, string? urlFlag, AdminCommandSettings settings)
    {
        var endpoint = NodeEndpoint.Resolve(kind, urlFlag, settings.Key, environment);
        var client = new HttpClient(handler, disposeHandler: false)
        {
            BaseAddress = new Uri(endpoint.Url + "/"),
            Timeout = RequestTimeout,
        };
        _clients.Add(client);
        return new AdminHttp(client, endpoint);
    }
}
