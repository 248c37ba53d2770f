namespace SignupEmail.EmailNode.Delivery;

/// <summary>An e-mail was not delivered; says whether a retry can help and what the server answered.</summary>
public sealed class MailDeliveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MailDeliveryException(string message, DeliveryFailureKind kind, int? smtpStatusCode, Exception? innerException)
        : base(message, innerException)
    {
        Kind = kind;
        SmtpStatusCode = smtpStatusCode;
    }

    /// <summary>Creates a transient failure without a status code.</summary>
    public MailDeliveryException()
        : this("The e-mail was not delivered.", DeliveryFailureKind.Transient, null, null)
    {
    }

    /// <summary>Creates a transient failure without a status code.</summary>
    public MailDeliveryException(string message)
        : this(message, DeliveryFailureKind.Transient, null, null)
    {
    }

    /// <summary>Creates a transient failure without a status code.</summary>
    public MailDeliveryException(string message, Exception innerException)
        : this(message, DeliveryFailureKind.Transient, null, innerException)
    {
    }

    /// <summary>Transient or permanent.</summary>
    public DeliveryFailureKind Kind { get; }

    /// <summary>The SMTP reply code (e.g. 550) when the server answered with one.</summary>
    public int? SmtpStatusCode { get; }
}
