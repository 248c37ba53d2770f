using System.Data.Common;
using System.Net.Sockets;
using SignupEmail.EmailNode.Delivery;

namespace SignupEmail.EmailNode.DeadLetters;

/// <summary>
/// The one place that decides poison versus transient for a failure while handling a decoded record.
/// Poison: the record can never succeed as it is (SMTP 5xx on the recipient or message); a record that
/// does not decode is dead-lettered before it gets here (the same bytes decode the same way next
/// time). Anything else (SMTP down, timeouts, SMTP 4xx, a database that is unavailable, a full disk)
/// may pass on a later try, so it is retried: dead-lettering it would lose a signup's e-mail to a
/// passing outage.
/// </summary>
public static class FailureClassifier
{
    /// <summary>
    /// Classifies an exception thrown while rendering, delivering or logging. The caller handles its
    /// own cancellation (shutdown) before asking: that is neither retry nor dead letter.
    /// </summary>
    public static FailureDisposition Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is MailDeliveryException { Kind: DeliveryFailureKind.Permanent }
            ? FailureDisposition.DeadLetter
            : FailureDisposition.Retry;
    }

    /// <summary>
    /// True for failures known to pass with time: a transient delivery failure (SMTP unreachable,
    /// 4xx, open circuit), a database or network error, a timeout. These are retried without limit
    /// by default. A <see cref="FailureDisposition.Retry"/> that is not known transient is of an
    /// unknown kind and gets a bounded number of attempts.
    /// </summary>
    public static bool IsKnownTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is MailDeliveryException { Kind: DeliveryFailureKind.Transient }
                or Consuming.CircuitOpenException
                or DbException
                or TimeoutException
                or SocketException
                or IOException)
            {
                return true;
            }
        }

        return false;
    }
}
