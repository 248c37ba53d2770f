using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using MailKit.Security;
using SignupEmail.Shared.Contracts;

namespace SignupEmail.EmailNode.Delivery;

/// <summary>
/// Sends e-mails through an SMTP server with MailKit. At most <see cref="SmtpOptions.MaxConnections"/>
/// sends run at once, each on its own connection; connections are kept open and reused, because
/// connect + TLS + AUTH costs several round trips per message otherwise. A connection that failed
/// in any way is closed, never returned to the pool.
/// </summary>
public sealed partial class SmtpMailDelivery : IMailDelivery, IAsyncDisposable, IDisposable
{
    private readonly SmtpOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SmtpMailDelivery> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentStack<IdleConnection> _idle = new();
    private readonly string _server;
    private int _connectionsOpened;
    private volatile bool _disposed;

    /// <summary>Creates the delivery; connects lazily on the first send.</summary>
    public SmtpMailDelivery(SmtpOptions options, TimeProvider time, ILogger<SmtpMailDelivery> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _logger = logger;
        _slots = new SemaphoreSlim(options.MaxConnections, options.MaxConnections);
        _server = $"{options.Host}:{options.Port}";
    }

    /// <summary>How many connections this delivery has opened so far: shows whether reuse works.</summary>
    public int ConnectionsOpened => Volatile.Read(ref _connectionsOpened);

    /// <inheritdoc />
    public async Task DeliverAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken);
        SmtpClient? client = null;
        try
        {
            client = await RentAsync(cancellationToken);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_options.Timeout);
            await client.SendAsync(mail.Message, deadline.Token);
            _idle.Push(new IdleConnection(client, _time.GetTimestamp()));
            client = null;
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var failure = ex as MailDeliveryException ?? SmtpFailureClassifier.Classify(ex, _server);
            if (_logger.IsEnabled(LogLevel.Warning))
            {
                var recipient = EmailAddress.Mask(RecipientOf(mail));
                var reason = EmailAddress.MaskWithin(failure.Message);
                LogFailed(_logger, mail.EventId, recipient, failure.Kind, failure.SmtpStatusCode, reason);
            }

            throw failure;
        }
        finally
        {
            if (client is not null)
            {
                await CloseAsync(client);
            }

            _slots.Release();
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            var recipient = EmailAddress.Mask(RecipientOf(mail));
            LogSent(_logger, mail.EventId, recipient, _server);
        }
    }

    /// <summary>Closes the pooled connections politely (QUIT).</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryPop(out var idle))
        {
            await CloseAsync(idle.Client);
        }
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<SmtpClient> RentAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryPop(out var idle))
        {
            if (idle.Client.IsConnected && _time.GetElapsedTime(idle.Since) < _options.IdleTimeout)
            {
                return idle.Client;
            }

            await CloseAsync(idle.Client);
        }

        var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_options.Timeout);
            await client.ConnectAsync(_options.Host, _options.Port, SocketOptions(_options.TlsMode), deadline.Token);
            if (!string.IsNullOrEmpty(_options.Username))
            {
                await client.AuthenticateAsync(_options.Username, _options.Password ?? string.Empty, deadline.Token);
            }

            Interlocked.Increment(ref _connectionsOpened);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private async Task CloseAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.DisconnectAsync(quit: true, deadline.Token);
            }
        }
        catch (Exception ex)
        {
            // The connection is being thrown away because something already went wrong; a failed
            // QUIT adds nothing, so it is only worth a debug line.
            LogCloseFailed(_logger, _server, ex);
        }
        finally
        {
            client.Dispose();
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpTlsMode mode) => mode switch
    {
        SmtpTlsMode.None => SecureSocketOptions.None,
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown TLS mode."),
    };

    private static string? RecipientOf(OutgoingMail mail) => mail.Message.To.Mailboxes.FirstOrDefault()?.Address;

    [LoggerMessage(Level = LogLevel.Information, Message = "Welcome e-mail for event {EventId} to {Recipient} accepted by {Server}")]
    private static partial void LogSent(ILogger logger, Guid eventId, string recipient, string server);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Welcome e-mail for event {EventId} to {Recipient} failed ({FailureKind}, SMTP {StatusCode}): {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid eventId, string recipient, DeliveryFailureKind failureKind, int? statusCode, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing a connection to {Server} failed")]
    private static partial void LogCloseFailed(ILogger logger, string server, Exception exception);

    private sealed record IdleConnection(SmtpClient Client, long Since);
}
