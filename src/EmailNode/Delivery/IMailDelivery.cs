namespace SignupEmail.EmailNode.Delivery;

/// <summary>Hands a rendered e-mail over to whatever carries it further.</summary>
public interface IMailDelivery
{
    /// <summary>
    /// Delivers <paramref name="mail"/>. Completes once the mail is handed over for good (accepted
    /// by the SMTP server, or durably in the pickup folder). Delivering the same event again must
    /// be harmless. Throws <see cref="MailDeliveryException"/> on failure and
    /// <see cref="OperationCanceledException"/> only when <paramref name="cancellationToken"/> fires.
    /// </summary>
    Task DeliverAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
