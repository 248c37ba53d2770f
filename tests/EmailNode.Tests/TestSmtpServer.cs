using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServerHost = SmtpServer.SmtpServer;
using SmtpServerProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace SignupEmail.EmailNode.Tests;

/// <summary>
/// A real SMTP server on a loopback port, in-process. Recipients whose local part starts with
/// "reject" get 550, with "later" get 451; every accepted message is parsed and kept. The message
/// store can be held shut to observe how many sends are in flight.
/// </summary>
internal sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly SmtpServerHost _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store = new();
    private int _sessions;

    public TestSmtpServer(int? port = null)
    {
        // A fixed port lets a test stop the server and start a new one where the client expects it.
        Port = port ?? FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Port(Port).Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServerProvider();
        services.Add(_store);
        services.Add(new Filter());
        _server = new SmtpServerHost(options, services);
        _server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public int Sessions => Volatile.Read(ref _sessions);

    public IReadOnlyCollection<MimeMessage> Messages => _store.Messages;

    public int InFlight => Volatile.Read(ref _store.InFlight);

    public int MaxInFlight => Volatile.Read(ref _store.MaxInFlight);

    /// <summary>Makes the store wait until <see cref="Open"/> before accepting a message.</summary>
    public void Hold() => _store.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _store.Gate?.TrySetResult();

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Open();
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

    private sealed class Filter : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            if (to.User.StartsWith("later", StringComparison.Ordinal))
            {
                throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)451, "4.3.0 Try again later"));
            }

            // false is answered with 550 (mailbox unavailable).
            return Task.FromResult(!to.User.StartsWith("reject", StringComparison.Ordinal));
        }
    }

    private sealed class Store : MessageStore
    {
        public readonly ConcurrentQueue<MimeMessage> Queue = new();
        public int InFlight;
        public int MaxInFlight;

        public volatile TaskCompletionSource? Gate;

        public IReadOnlyCollection<MimeMessage> Messages => Queue.ToArray();

        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref InFlight);
            int max;
            while (now > (max = Volatile.Read(ref MaxInFlight)) && Interlocked.CompareExchange(ref MaxInFlight, now, max) != max)
            {
            }

            try
            {
                if (Gate is { } gate)
                {
                    await gate.Task.WaitAsync(cancellationToken);
                }

                using var stream = new MemoryStream(buffer.ToArray());
                Queue.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
                return SmtpResponse.Ok;
            }
            finally
            {
                Interlocked.Decrement(ref InFlight);
            }
        }
    }
}
