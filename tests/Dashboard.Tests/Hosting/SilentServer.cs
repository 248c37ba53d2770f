using System.Net;
using System.Net.Sockets;

namespace SignupEmail.Dashboard.Tests.Hosting;

/// <summary>A TCP port that accepts connections and never answers: a hung node.</summary>
internal sealed class SilentServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly List<TcpClient> _accepted = [];
    private readonly Task _accepting;

    private SilentServer(TcpListener listener)
    {
        _listener = listener;
        _accepting = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public static Task<SilentServer> StartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return Task.FromResult(new SilentServer(listener));
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        lock (_accepted)
        {
            _accepted.ForEach(c => c.Dispose());
        }
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            var client = await _listener.AcceptTcpClientAsync();
            lock (_accepted)
            {
                _accepted.Add(client);
            }
        }
    }
}
