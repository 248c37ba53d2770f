using Microsoft.Extensions.Logging.Abstractions;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.EmailNode.Delivery;

namespace SignupEmail.EmailNode.Tests.Consuming;

public sealed class InFlightDefaultsSpec : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("signupemail-inflight-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Unset_it_is_one_with_the_pickup_folder_and_eight_with_smtp_and_a_configured_value_wins()
    {
        using var pickup = new PickupFolderMailDelivery(_root.FullName, NullLogger<PickupFolderMailDelivery>.Instance);
        using var smtp = new SmtpMailDelivery(new SmtpOptions { Host = "127.0.0.1" }, TimeProvider.System, NullLogger<SmtpMailDelivery>.Instance);

        Assert.Equal(1, ConsumingServiceCollectionExtensions.WithDeliveryDefaults(new ConsumingOptions(), pickup).MaxInFlightPerPartition);
        Assert.Equal(ConsumingOptions.SmtpInFlightDefault, ConsumingServiceCollectionExtensions.WithDeliveryDefaults(new ConsumingOptions(), smtp).MaxInFlightPerPartition);
        Assert.Equal(3, ConsumingServiceCollectionExtensions.WithDeliveryDefaults(new ConsumingOptions { MaxInFlightPerPartition = 3 }, pickup).MaxInFlightPerPartition);
    }
}
