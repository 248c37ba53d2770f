namespace SignupEmail.EmailNode.Delivery;

/// <summary>Where rendered e-mails go.</summary>
public enum DeliveryMode
{
    /// <summary>Written as <c>.eml</c> files into a folder: no mail server needed.</summary>
    Pickup,

    /// <summary>Sent to an SMTP server.</summary>
    Smtp,
}
