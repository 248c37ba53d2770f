using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace SignupEmail.UserNode.Publishing;

/// <summary>
/// Serializer of the publisher's cluster messages (bound in <c>user-node.hocon</c>), with stable
/// manifests instead of CLR type names, like the user entity's messages. They are never stored,
/// only sent between nodes of one cluster; JSON keeps a rolling upgrade readable.
/// </summary>
public sealed class PublishingMessageSerializer : SerializerWithStringManifest
{
    /// <summary>Serializer id; never change it.</summary>
    public const int SerializerId = 5302;

    private const string WakeUpManifest = "publisher-wake-up.v1";
    private const string GetStatusManifest = "get-publisher-status.v1";
    private const string StatusManifest = "publisher-status.v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Created by Akka's serialization extension from the HOCON binding.</summary>
    public PublishingMessageSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc />
    public override int Identifier => SerializerId;

    /// <inheritdoc />
    public override string Manifest(object o) => o switch
    {
        PublisherWakeUp => WakeUpManifest,
        GetPublisherStatus => GetStatusManifest,
        PublisherStatus => StatusManifest,
        _ => throw new SerializationException($"{nameof(PublishingMessageSerializer)} has no manifest for {o?.GetType().Name}."),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj switch
    {
        PublisherWakeUp or GetPublisherStatus => [],
        PublisherStatus status => JsonSerializer.SerializeToUtf8Bytes(status, Json),
        _ => throw new SerializationException($"{nameof(PublishingMessageSerializer)} cannot write {obj?.GetType().Name}."),
    };

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        WakeUpManifest => PublisherWakeUp.Instance,
        GetStatusManifest => GetPublisherStatus.Instance,
        StatusManifest => JsonSerializer.Deserialize<PublisherStatus>(bytes, Json)
            ?? throw new SerializationException($"{StatusManifest} payload is null."),
        _ => throw new SerializationException($"{nameof(PublishingMessageSerializer)} cannot read manifest '{manifest}'."),
    };
}
