using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace SignupEmail.UserNode.Publishing;

/// <summary>
/// Serializer of the publisher's cluster messages (bound in <c>user-node.hocon</c>), with stable
/// manifests instead of CLR type names, like the user entity's messages.
/// </summary>
public sealed class PublishingMessageSerializer : SerializerWithStringManifest
{
    /// <summary>Serializer id; never change it.</summary>
    public const int SerializerId = 5302;

    private const string WakeUpManifest = "publisher-wake-up.v1";

    /// <summary>Created by Akka's serialization extension from the HOCON binding.</summary>
    public PublishingMessageSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc />
    public override int Identifier => SerializerId;

    /// <inheritdoc />
    public override string Manifest(object o) => o is PublisherWakeUp
        ? WakeUpManifest
        : throw new SerializationException($"{nameof(PublishingMessageSerializer)} has no manifest for {o?.GetType().Name}.");

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj is PublisherWakeUp
        ? []
        : throw new SerializationException($"{nameof(PublishingMessageSerializer)} cannot write {obj?.GetType().Name}.");

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest) => manifest == WakeUpManifest
        ? PublisherWakeUp.Instance
        : throw new SerializationException($"{nameof(PublishingMessageSerializer)} cannot read manifest '{manifest}'.");
}
