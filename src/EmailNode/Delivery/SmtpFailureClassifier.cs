using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace SignupEmail.EmailNode.Delivery;

/// <summary>
/// Decides whether an SMTP failure is worth retrying. Permanent means "this message or recipient
/// will never be accepted": a 5xx answer to RCPT TO or to the message data. Everything that points
/// at the server, the network or our own configuration (5xx to MAIL FROM or to authentication
/// included) is transient: retrying holds the partition until an operator fixes it, whereas
/// dead-lettering would throw away every signup in the meantime.
/// </summary>
internal static class SmtpFailureClassifier
{
    public static MailDeliveryException Classify(Exception exception, string server)
    {
        switch (exception)
        {
            case SmtpCommandException command:
                var code = (int)command.StatusCode;
                var permanent = code is >= 500 and < 600
                    && command.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;
                return new MailDeliveryException(
                    $"SMTP server {server} answered {code} ({command.ErrorCode}): {command.Message}",
                    permanent ? DeliveryFailureKind.Permanent : DeliveryFailureKind.Transient,
                    code,
                    exception);
            case AuthenticationException:
                return Transient($"SMTP server {server} rejected our credentials (check Email:Smtp:Username/Password)", exception);
            case SslHandshakeException:
                return Transient($"TLS handshake with SMTP server {server} failed (check Email:Smtp:TlsMode)", exception);
            case SocketException or IOException or ProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException:
                return Transient($"SMTP server {server} is unreachable or dropped the connection", exception);
            case TimeoutException or OperationCanceledException:
                return Transient($"SMTP server {server} did not answer in time", exception);
            case NotSupportedException:
                return Transient($"SMTP server {server} lacks a feature our settings require", exception);
            case ArgumentException or InvalidOperationException or FormatException:
                // MailKit's way of saying the message itself cannot be sent (no recipients, bad address).
                return new MailDeliveryException(
                    $"The message cannot be sent: {exception.Message}", DeliveryFailureKind.Permanent, null, exception);
            default:
                return Transient($"Sending through SMTP server {server} failed unexpectedly", exception);
        }
    }

    private static MailDeliveryException Transient(string what, Exception exception) =>
        new($"{what}: {exception.Message}", DeliveryFailureKind.Transient, null, exception);
}
