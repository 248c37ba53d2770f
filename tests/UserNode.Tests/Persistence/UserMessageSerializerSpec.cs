using System.Runtime.Serialization;
using System.Text;
using Akka.Serialization;
using SignupEmail.UserNode.Configuration;
using SignupEmail.UserNode.Persistence;
using SignupEmail.UserNode.Tests.Users;
using SignupEmail.UserNode.Users;
using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Tests.Persistence;

public sealed class UserMessageSerializerSpec : Akka.TestKit.Xunit2.TestKit
{
    public UserMessageSerializerSpec()
        : base(UserNodeHocon.Load())
    {
    }

    public static TheoryData<object, string> Messages()
    {
        var command = UserStateSpec.Register();
        var (reply, events) = UserState.Process(UserState.Empty, command);
        var registered = (UserRegistered)events[0];
        var profile = ((UserRegistrationAccepted)reply).Profile;
        return new TheoryData<object, string>
        {
            { registered, "user-registered.v1" },
            { UserState.Apply(UserState.Empty, registered), "user-state.v1" },
            { UserState.Empty, "user-state.v1" },
            { command, "register-user.v1" },
            { new GetUser(command.UserId), "get-user.v1" },
            { reply, "user-registration-accepted.v1" },
            { new UserAlreadyRegistered(command.UserId), "user-already-registered.v1" },
            { new UserFound(profile), "user-found.v1" },
            { new UserNotFound(command.UserId), "user-not-found.v1" },
            { new UserUnavailable(command.UserId, "recovery-failed"), "user-unavailable.v1" },
            { registered with { IdempotencyKey = "8e03978e-40d5-43e8-bc93-6894a57f9324" }, "user-registered.v1" },
            { new UserRegistrationReplayed(profile, "hash-AQAAAA"), "user-registration-replayed.v1" },
        };
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_message_is_bound_in_hocon_and_round_trips_under_its_stable_manifest(object message, string manifest)
    {
        var serialization = Sys.Serialization;
        var serializer = serialization.FindSerializerFor(message);
        Assert.IsType<UserMessageSerializer>(serializer);
        Assert.Equal(manifest, Akka.Serialization.Serialization.ManifestFor(serializer, message));

        var bytes = serializer.ToBinary(message);
        var back = serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.Equal(message.GetType(), back.GetType());
        // Records compare by value; UserState holds a record, so compare printed JSON for it too.
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(serializer.ToBinary(back)));
        if (message is not UserState)
        {
            Assert.Equal(message, back);
        }
    }

    [Fact]
    public void An_event_written_by_an_earlier_shape_reads_with_defaults_for_fields_added_since()
    {
        // user-registered.v1 as first written: no locale, no traceParent, plus a field since dropped.
        const string earlier = """
            {"eventId":"01a21394-6584-7d57-a648-76ed0f310d8c","userId":"fab37966-ae94-8f52-ba22-15dfdafbed55",
             "email":"Kim@Example.com","normalizedEmail":"kim@example.com","name":"김철수",
             "passwordHash":"AQAAAAIAAAPo","registeredAt":"2026-11-25T16:40:22+00:00","signupSource":"web"}
            """;
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(UserRegistered));

        var read = Assert.IsType<UserRegistered>(serializer.FromBinary(Encoding.UTF8.GetBytes(earlier), "user-registered.v1"));

        Assert.Equal(Guid.Parse("01a21394-6584-7d57-a648-76ed0f310d8c"), read.EventId);
        Assert.Equal("김철수", read.Name);
        Assert.Equal("ko", read.Locale);
        Assert.Null(read.TraceParent);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 16, 40, 22, TimeSpan.Zero), read.RegisteredAt);
    }

    [Fact]
    public void The_journal_payload_has_no_clr_type_names()
    {
        var registered = (UserRegistered)UserState.Process(UserState.Empty, UserStateSpec.Register()).Events[0];
        var serializer = Sys.Serialization.FindSerializerFor(registered);

        var json = Encoding.UTF8.GetString(serializer.ToBinary(registered));

        Assert.DoesNotContain("SignupEmail", json, StringComparison.Ordinal);
        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
        Assert.StartsWith("{\"eventId\":", json, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_manifest_or_unreadable_payload_fails_with_a_serialization_error()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(UserRegistered));

        Assert.Throws<SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "user-registered.v9"));
        Assert.Throws<SerializationException>(() => serializer.FromBinary("{not json"u8.ToArray(), "user-registered.v1"));
        Assert.Throws<SerializationException>(() => serializer.FromBinary("null"u8.ToArray(), "user-registered.v1"));
        Assert.Throws<SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "user-registered.v1"));
        Assert.Throws<SerializationException>(() => serializer.FromBinary("{\"userId\":\"u\",\"reason\":null}"u8.ToArray(), "user-unavailable.v1"));
        Assert.Throws<SerializationException>(() => serializer.Manifest("a string"));
    }
}
