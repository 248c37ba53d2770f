namespace SignupEmail.EmailNode.Delivery;

/// <summary>Whether trying the same e-mail again can succeed.</summary>
public enum DeliveryFailureKind
{
    /// <summary>The server or the network may recover: retry with backoff (server down, timeout, SMTP 4xx).</summary>
    Transient,

    /// <summary>The server refused this message or recipient for good (SMTP 5xx): dead-letter it.</summary>
    Permanent,
}
