using System.Collections.Frozen;
using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;
using SignupEmail.UserNode.Users;
using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Persistence;

/// <summary>
/// JSON serializer of the user entity's events, snapshots and cluster messages, bound in
/// <c>user-node.hocon</c>. Every type has a stable, versioned manifest (<c>user-registered.v1</c>),
/// never a CLR type name, so classes can move or be renamed without breaking the journal.
/// Reading is tolerant: unknown fields are ignored and fields added later take their defaults.
/// A breaking change gets a new manifest (<c>.v2</c>) while the old one stays readable.
/// </summary>
public sealed class UserMessageSerializer : SerializerWithStringManifest
{
    /// <summary>Serializer id in the journal's <c>ser_id</c> column; never change it.</summary>
    public const int SerializerId = 5301;

    // Constructor parameters without a default are required, and non-nullable ones must not be
    // null: a payload missing core fields fails loudly instead of becoming a half-empty record.
    // Parameters added later get defaults, which is what lets older entries read.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    private static readonly FrozenDictionary<Type, string> ManifestsByType = new Dictionary<Type, string>
    {
        [typeof(UserRegistered)] = "user-registered.v1",
        [typeof(UserState)] = "user-state.v1",
        [typeof(RegisterUser)] = "register-user.v1",
        [typeof(GetUser)] = "get-user.v1",
        [typeof(UserRegistrationAccepted)] = "user-registration-accepted.v1",
        [typeof(UserAlreadyRegistered)] = "user-already-registered.v1",
        [typeof(UserFound)] = "user-found.v1",
        [typeof(UserNotFound)] = "user-not-found.v1",
        [typeof(UserUnavailable)] = "user-unavailable.v1",
        [typeof(UserRegistrationReplayed)] = "user-registration-replayed.v1",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Type> TypesByManifest =
        ManifestsByType.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Created by Akka's serialization extension from the HOCON binding.</summary>
    public UserMessageSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc />
    public override int Identifier => SerializerId;

    /// <summary>Every manifest this serializer writes.</summary>
    public static IReadOnlyCollection<string> Manifests => TypesByManifest.Keys;

    /// <inheritdoc />
    public override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return ManifestsByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new SerializationException($"{nameof(UserMessageSerializer)} has no manifest for {o.GetType().Name}.");
    }

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        _ = Manifest(obj); // refuse types without a stable manifest before writing anything
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Json);
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!TypesByManifest.TryGetValue(manifest, out var type))
        {
            throw new SerializationException($"{nameof(UserMessageSerializer)} cannot read manifest '{manifest}'.");
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, type, Json)
                ?? throw new SerializationException($"'{manifest}' payload is JSON null.");
        }
        catch (JsonException e)
        {
            throw new SerializationException($"'{manifest}' payload is not readable: {e.Message}", e);
        }
    }
}
