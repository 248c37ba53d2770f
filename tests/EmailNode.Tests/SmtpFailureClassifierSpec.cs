using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using SignupEmail.EmailNode.Delivery;

namespace SignupEmail.EmailNode.Tests;

public sealed class SmtpFailureClassifierSpec
{
    [Theory]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, DeliveryFailureKind.Permanent)]
    [InlineData(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.TransactionFailed, DeliveryFailureKind.Permanent)]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxBusy, DeliveryFailureKind.Transient)]
    [InlineData(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.InsufficientStorage, DeliveryFailureKind.Transient)]
    // A refused sender or an unexpected 5xx is about our configuration, not this message: retry.
    [InlineData(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.MailboxUnavailable, DeliveryFailureKind.Transient)]
    [InlineData(SmtpErrorCode.UnexpectedStatusCode, SmtpStatusCode.AuthenticationRequired, DeliveryFailureKind.Transient)]
    public void Smtp_replies_are_classified_by_code_and_stage(SmtpErrorCode stage, SmtpStatusCode code, DeliveryFailureKind expected)
    {
        var failure = SmtpFailureClassifier.Classify(new SmtpCommandException(stage, code, "server said no"), "smtp:25");

        Assert.Equal(expected, failure.Kind);
        Assert.Equal((int)code, failure.SmtpStatusCode);
    }

    [Fact]
    public void Network_tls_authentication_and_timeout_failures_are_transient()
    {
        Exception[] failures =
        [
            new SocketException((int)SocketError.ConnectionRefused),
            new IOException("reset"),
            new AuthenticationException("535"),
            new SslHandshakeException("bad cert"),
            new TimeoutException(),
            new OperationCanceledException(),
            new SmtpProtocolException("garbage"),
        ];

        Assert.All(failures, f => Assert.Equal(DeliveryFailureKind.Transient, SmtpFailureClassifier.Classify(f, "smtp:25").Kind));
    }

    [Fact]
    public void A_message_mailkit_refuses_to_send_is_permanent()
    {
        var failure = SmtpFailureClassifier.Classify(new InvalidOperationException("No recipients have been specified."), "smtp:25");

        Assert.Equal(DeliveryFailureKind.Permanent, failure.Kind);
    }
}
