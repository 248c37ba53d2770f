namespace SignupEmail.EmailNode.Delivery;

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpTlsMode
{
    /// <summary>Plain text: only for a mail catcher on the same machine or network.</summary>
    None,

    /// <summary>Connect in plain text, then require STARTTLS (usually port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}
