using System.Runtime.Serialization;
using SignupEmail.UserNode.Configuration;
using SignupEmail.UserNode.Publishing;

namespace SignupEmail.UserNode.Tests.Persistence;

public sealed class PublishingMessageSerializerSpec : Akka.TestKit.Xunit2.TestKit
{
    public PublishingMessageSerializerSpec()
        : base(UserNodeHocon.Load())
    {
    }

    public static TheoryData<object, string> Messages() => new()
    {
        { PublisherWakeUp.Instance, "publisher-wake-up.v1" },
        { GetPublisherStatus.Instance, "get-publisher-status.v1" },
        { new PublisherStatus(true, 42, 3, 1, TimeSpan.FromSeconds(12.5)), "publisher-status.v1" },
        { new PublisherStatus(true, 42, 0, 0, TimeSpan.Zero, 2, "ordering 43 (user-1, sequence nr 1): refused"), "publisher-status.v1" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_message_is_bound_in_hocon_and_round_trips_under_its_stable_manifest(object message, string manifest)
    {
        var serialization = Sys.Serialization;
        var serializer = serialization.FindSerializerFor(message);
        Assert.IsType<PublishingMessageSerializer>(serializer);
        Assert.Equal(manifest, Akka.Serialization.Serialization.ManifestFor(serializer, message));

        var back = serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);

        Assert.Equal(message, back);
    }

    [Fact]
    public void A_status_from_a_node_that_does_not_know_held_rows_reads_as_none_held()
    {
        var serializer = Sys.Serialization.FindSerializerForType(typeof(PublisherStatus));
        var older = """{"running":true,"committedOrdering":42,"inFlight":3,"openGaps":1,"waitingForKafka":"00:00:12.5"}"""u8.ToArray();

        var status = Assert.IsType<PublisherStatus>(Sys.Serialization.Deserialize(older, serializer.Identifier, "publisher-status.v1"));

        Assert.Equal(new PublisherStatus(true, 42, 3, 1, TimeSpan.FromSeconds(12.5)), status);
    }

    [Fact]
    public void An_unknown_manifest_is_refused_by_name()
    {
        var serializer = Sys.Serialization.FindSerializerForType(typeof(PublisherStatus));

        var error = Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize([], serializer.Identifier, "publisher-status.v9"));

        Assert.Contains("publisher-status.v9", error.Message, StringComparison.Ordinal);
    }
}
