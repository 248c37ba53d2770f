using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServerHost = SmtpServer.SmtpServer;
using SmtpServerProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace SignupEmail.EmailNode.Bench;

/// <summary>
/// A real SMTP server on a loopback port, in-process (the minimal part of the tests' TestSmtpServer):
/// accepts everything and keeps only each message's Message-ID, read from the headers alone so the
/// server spends as little of the shared CPU as it can.
/// </summary>
internal sealed class BenchSmtpServer : IAsyncDisposable
{
    private readonly SmtpServerHost _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store = new();

    public BenchSmtpServer()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Port(Port).Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServerProvider();
        services.Add(_store);
        _server = new SmtpServerHost(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Message-IDs of every accepted message, duplicates included.</summary>
    public IReadOnlyCollection<string> MessageIds => _store.MessageIds;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _server.Shutdown();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // Expected: the server ends by cancellation.
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store : MessageStore
    {
        private readonly ConcurrentQueue<string> _messageIds = new();

        public IReadOnlyCollection<string> MessageIds => _messageIds.ToArray();

        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var headers = await HeaderList.LoadAsync(stream, cancellationToken);
            _messageIds.Enqueue(headers[HeaderId.MessageId] ?? string.Empty);
            return SmtpResponse.Ok;
        }
    }
}
