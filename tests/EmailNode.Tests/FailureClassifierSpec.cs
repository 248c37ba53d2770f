using SignupEmail.EmailNode.DeadLetters;
using SignupEmail.EmailNode.Delivery;

namespace SignupEmail.EmailNode.Tests;

public sealed class FailureClassifierSpec
{
    [Fact]
    public void A_permanent_delivery_failure_is_dead_lettered()
    {
        var failure = new MailDeliveryException("550", DeliveryFailureKind.Permanent, 550, null);

        Assert.Equal(FailureDisposition.DeadLetter, FailureClassifier.Classify(failure));
    }

    [Fact]
    public void A_transient_delivery_failure_is_retried()
    {
        var failure = new MailDeliveryException("451", DeliveryFailureKind.Transient, 451, null);

        Assert.Equal(FailureDisposition.Retry, FailureClassifier.Classify(failure));
    }

    [Fact]
    public void Any_other_failure_such_as_a_database_timeout_is_retried()
    {
        Assert.Equal(FailureDisposition.Retry, FailureClassifier.Classify(new TimeoutException("database")));
    }
}
